package io.streamlytics.app.http;

import io.streamlytics.app.query.QueryFailure;

import java.util.Map;

/**
 * The one place where a query's failure becomes an HTTP error: its status, its code and whether to retry. A failure
 * that may pass in a moment is a 503 with Retry-After, so that clients and load balancers wait and ask again.
 */
public final class FailureReplies {
    /** The error code of every kind of failure that may pass in a moment, by its class (each kind is a final class). */
    private static final Map<Class<? extends QueryFailure.RetryLater>, String> RETRY_LATER_CODES = Map.of(
            QueryFailure.NotRunning.class, "not_ready",
            QueryFailure.Restoring.class, "partition_restoring",
            QueryFailure.PartitionUnavailable.class, "partition_unavailable",
            QueryFailure.OwnerUnreachable.class, "owner_unreachable",
            QueryFailure.OwnershipMoved.class, "ownership_moved",
            QueryFailure.StandbyBehind.class, "standby_behind",
            QueryFailure.Interrupted.class, "interrupted");

    private FailureReplies() {
    }

    public static ApiException of(QueryFailure failure) {
        if (failure instanceof QueryFailure.UnknownKey unknown) {
            return ApiException.notFound(switch (unknown.kind()) {
                case APP -> "unknown_app";
                case CUSTOMER -> "unknown_customer";
                case JOB -> "unknown_job";
                case USER -> "unknown_user";
                case MERCHANT -> "unknown_merchant";
            }, failure.getMessage());
        }
        if (failure instanceof QueryFailure.BadOwnerReply) {
            return new ApiException(502, "owner_bad_reply", failure.getMessage());
        }
        return ApiException.unavailable(retryLaterCode((QueryFailure.RetryLater) failure), failure.getMessage());
    }

    private static String retryLaterCode(QueryFailure.RetryLater failure) {
        String code = RETRY_LATER_CODES.get(failure.getClass());
        if (code == null) {
            throw new IllegalStateException("no error code for " + failure.getClass().getName());
        }
        return code;
    }
}
