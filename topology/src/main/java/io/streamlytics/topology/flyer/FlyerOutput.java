package io.streamlytics.topology.flyer;

import io.streamlytics.topology.flyer.merchant.MerchantDelta;

/** What the per-user stage sends on: a user's new figures, a change to a merchant's day, or an event too late to pair. */
public sealed interface FlyerOutput permits FlyerOutput.UserTime, FlyerOutput.MerchantChange, FlyerOutput.Late {

    /** A user's new figures; {@code row} null when the user was forgotten (a tombstone on flyer-time). */
    record UserTime(UserFlyerTime row) implements FlyerOutput {
    }

    record MerchantChange(MerchantDelta delta) implements FlyerOutput {
    }

    /** The event as JSON; the record's headers say why it is late. */
    record Late(String json) implements FlyerOutput {
    }
}
