package io.streamlytics.tools.sparkfixture;

import java.util.List;

/** Refuses to write a fixture that lacks what the tests rely on: retried, failed and killed attempts. */
final class ScenarioCheck {

    private ScenarioCheck() {
    }

    static void requireRetriesFailuresAndKills(List<JobRecord> jobs) {
        require(jobs.size() == 4, "four jobs", jobs);
        for (JobRecord clean : jobs.subList(0, 2)) {
            require(clean.result().equals("JobSucceeded") && clean.failedTasks() == 0 && clean.killedTasks() == 0,
                    "jobs 0 and 1 succeed at the first attempt", jobs);
        }
        JobRecord retried = jobs.get(2);
        require(retried.result().equals("JobSucceeded") && retried.failedTasks() == 2 && retried.successfulTasks() == 4,
                "job 2 succeeds after 2 failed first attempts", jobs);
        JobRecord failed = jobs.get(3);
        require(failed.result().equals("JobFailed") && failed.failedTasks() == 3 && failed.killedTasks() == 1
                        && failed.successfulTasks() == 0,
                "job 3 fails after 3 failed attempts, with its other task killed", jobs);
    }

    private static void require(boolean condition, String what, List<JobRecord> jobs) {
        if (!condition) {
            throw new IllegalStateException("the run did not give what the fixture needs (" + what + "): " + jobs);
        }
    }
}
