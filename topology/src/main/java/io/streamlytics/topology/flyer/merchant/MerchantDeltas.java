package io.streamlytics.topology.flyer.merchant;

import io.streamlytics.topology.flyer.FlyerEvent;
import io.streamlytics.topology.flyer.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What one new event of a user's flyer changes in merchants' days: its open, and the sessions it made or undid. */
public final class MerchantDeltas {
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private MerchantDeltas() {
    }

    public static List<MerchantDelta> of(String userId, String flyerId, FlyerEvent added, List<Session> before, List<Session> after) {
        List<MerchantDelta> deltas = new ArrayList<>();
        if (added.isOpen()) {
            deltas.add(MerchantDelta.open(added.merchantId(), dayStart(added.time()), flyerId, userId));
        }
        Set<Session> kept = new HashSet<>(before);
        kept.retainAll(after);
        for (Session undone : before) {
            if (!kept.contains(undone)) {
                deltas.add(MerchantDelta.session(undone.merchantId(), dayStart(undone.openTime()), flyerId, -1, undone.durationMs()));
            }
        }
        for (Session made : after) {
            if (!kept.contains(made)) {
                deltas.add(MerchantDelta.session(made.merchantId(), dayStart(made.openTime()), flyerId, 1, made.durationMs()));
            }
        }
        return deltas;
    }

    private static long dayStart(long time) {
        return time - Math.floorMod(time, DAY_MS);
    }
}
