package io.streamlytics.bench;

import io.streamlytics.bench.FlyerDefinitions.Difference;
import io.streamlytics.bench.FlyerDefinitions.User;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Our per-user averages and Spark's against both definitions computed from the events: each must give
 * its own definition's answer for every user, and where the definitions agree the two answers must be
 * equal. Any failure throws, naming the first users that failed.
 */
record PeerComparison(int users, int agreeingTimed, int agreeingUntimed, int differing, int differingAnswers,
                      Map<Difference, Integer> usersByDifference) {
    private static final int EXAMPLES = 5;

    static PeerComparison check(Map<String, User> expected, Map<String, Double> ours, Map<String, SparkPeerJob.Row> spark) {
        List<String> failures = new ArrayList<>();
        if (!ours.keySet().equals(expected.keySet())) {
            failures.add("ours answers " + ours.size() + " users, the events have " + expected.size());
        }
        Set<String> classicUsers = expected.entrySet().stream().filter(e -> e.getValue().classic().pairs() > 0)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        if (!spark.keySet().equals(classicUsers)) {
            failures.add("Spark answers " + spark.size() + " users, " + classicUsers.size() + " have a pair of events");
        }
        int agreeingTimed = 0;
        int agreeingUntimed = 0;
        int differing = 0;
        int differingAnswers = 0;
        Map<Difference, Integer> usersByDifference = new EnumMap<>(Difference.class);
        for (var entry : expected.entrySet()) {
            String user = entry.getKey();
            User definitions = entry.getValue();
            Double our = ours.get(user);
            SparkPeerJob.Row theirs = spark.get(user);
            if (our != null && our != definitions.contract().hours()) {
                failures.add(user + ": ours " + our + ", the contract's definition " + definitions.contract());
            }
            if (theirs != null && (theirs.pairs() != definitions.classic().pairs() || theirs.totalMs() != definitions.classic().totalMs()
                    || theirs.hours() != definitions.classic().hours())) {
                failures.add(user + ": Spark " + theirs + ", the classic definition " + definitions.classic());
            }
            if (definitions.definitionsAgree()) {
                if (theirs == null) {
                    agreeingUntimed++;
                } else {
                    agreeingTimed++;
                    if (our == null || our != theirs.hours()) {
                        failures.add(user + ": the definitions agree, yet ours is " + our + " and Spark's " + theirs.hours());
                    }
                }
            } else {
                differing++;
                differingAnswers += our == null || theirs == null || our != theirs.hours() ? 1 : 0;
                definitions.differences().forEach(d -> usersByDifference.merge(d, 1, Integer::sum));
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " check(s) failed, the first: "
                    + String.join("; ", failures.subList(0, Math.min(EXAMPLES, failures.size()))));
        }
        return new PeerComparison(expected.size(), agreeingTimed, agreeingUntimed, differing, differingAnswers, usersByDifference);
    }

    void report(Report report) {
        report.line("answers checked for all %,d users: ours gives the contract's definition for each, Spark the classic one "
                + "for each user with a pair (%,d)", users, agreeingTimed + differing);
        report.line("definitions agree for %,d users: %,d with sessions, where ours and Spark's answers are equal; "
                + "%,d with none (ours 0.0, no row from Spark)", agreeingTimed + agreeingUntimed, agreeingTimed, agreeingUntimed);
        report.line("definitions differ for %,d users, whose answers differ for %,d; users whose classic pairs include:", differing, differingAnswers);
        for (Difference difference : Difference.values()) {
            report.line("  %,d users: %s", usersByDifference.getOrDefault(difference, 0), difference.meaning);
        }
    }
}
