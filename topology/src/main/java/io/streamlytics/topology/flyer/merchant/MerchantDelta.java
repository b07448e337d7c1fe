package io.streamlytics.topology.flyer.merchant;

/**
 * A change to one merchant's day, from the per-user stage: a new open (with its user, for unique
 * users), or a timed session added or taken back (sessions -1 and a negative time when a later
 * event changed the pairing).
 *
 * @param userId null unless this is an open
 */
public record MerchantDelta(String merchantId, long dayStart, String flyerId, String userId, int opens, int sessions,
                            long sessionMs) {

    public static MerchantDelta open(String merchantId, long dayStart, String flyerId, String userId) {
        return new MerchantDelta(merchantId, dayStart, flyerId, userId, 1, 0, 0);
    }

    public static MerchantDelta session(String merchantId, long dayStart, String flyerId, int sign, long durationMs) {
        return new MerchantDelta(merchantId, dayStart, flyerId, null, 0, sign, sign * durationMs);
    }
}
