package io.streamlytics.app.http;

import io.streamlytics.app.query.QueryFailure;

/**
 * The one place where a query's failure becomes an HTTP error: its status, its code and whether to retry. A failure
 * that may pass in a moment is a 503 with Retry-After, so that clients and load balancers wait and ask again.
 */
public final class FailureReplies {
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
        if (failure instanceof QueryFailure.NotRunning) {
            return "not_ready";
        }
        if (failure instanceof QueryFailure.Restoring) {
            return "partition_restoring";
        }
        if (failure instanceof QueryFailure.PartitionUnavailable) {
            return "partition_unavailable";
        }
        if (failure instanceof QueryFailure.OwnerUnreachable) {
            return "owner_unreachable";
        }
        if (failure instanceof QueryFailure.OwnershipMoved) {
            return "ownership_moved";
        }
        if (failure instanceof QueryFailure.StandbyBehind) {
            return "standby_behind";
        }
        if (failure instanceof QueryFailure.Interrupted) {
            return "interrupted";
        }
        throw new IllegalStateException("no error code for " + failure.getClass().getName());
    }
}
