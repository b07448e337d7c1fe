package io.streamlytics.tools.sparkfixture;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The jobs of the fixture, in the order they run (Spark numbers them 0..3). Every job builds its
 * own RDDs: a shuffle reused by a later job would list its stage under two jobs' "Stage IDs".
 */
final class FixtureJobs {

    /** How long the task that waits to be killed waits at most, so a broken run ends instead of hanging. */
    private static final long KILL_WAIT_LIMIT_MS = 120_000;

    private FixtureJobs() {
    }

    static void runAll(JavaSparkContext sc) {
        sumsByLastDigit(sc);
        wordLengthHistogram(sc);
        retriedFirstAttempts(sc);
        failingJobWithKilledSibling(sc);
    }

    /** Job 0, succeeds: one shuffle, so two stages (4 map tasks, 3 reduce tasks). */
    private static void sumsByLastDigit(JavaSparkContext sc) {
        List<Integer> numbers = IntStream.rangeClosed(1, 1000).boxed().toList();
        sc.parallelize(numbers, 4)
                .mapToPair(n -> new Tuple2<>(n % 10, n))
                .reduceByKey(Integer::sum, 3)
                .collect();
    }

    /** Job 1, succeeds: two shuffles, so three stages (3 + 2 + 2 tasks). */
    private static void wordLengthHistogram(JavaSparkContext sc) {
        List<String> words = List.of("kafka", "streams", "spark", "event", "log", "stage", "task", "job",
                "attempt", "shuffle", "window", "store", "topic", "partition", "offset", "record");
        sc.parallelize(words, 3)
                .mapToPair(word -> new Tuple2<>(word.length(), 1))
                .reduceByKey(Integer::sum, 2)
                .mapToPair(lengthCount -> new Tuple2<>(lengthCount._2() % 3, lengthCount._1()))
                .reduceByKey(Math::max, 2)
                .count();
    }

    /** Job 2, succeeds after retries: the first attempt of each even partition fails (4 tasks, 6 attempts). */
    private static void retriedFirstAttempts(JavaSparkContext sc) {
        List<Integer> numbers = IntStream.range(0, 40).boxed().toList();
        sc.parallelize(numbers, 4)
                .map(n -> {
                    TaskContext task = TaskContext.get();
                    if (task.attemptNumber() == 0 && task.partitionId() % 2 == 0) {
                        throw new IllegalStateException("first attempt of an even partition fails on purpose");
                    }
                    return n * 2;
                })
                .count();
    }

    /**
     * Job 3, fails: partition 0 throws on every attempt until maxFailures (3) aborts the stage;
     * partition 1 runs meanwhile on the second core and is killed by the abort.
     */
    private static void failingJobWithKilledSibling(JavaSparkContext sc) {
        try {
            sc.parallelize(List.of(0, 1), 2)
                    .map(n -> {
                        TaskContext task = TaskContext.get();
                        if (task.partitionId() == 0) {
                            throw new IllegalStateException("partition 0 always fails on purpose");
                        }
                        waitUntilKilled(task);
                        return n;
                    })
                    .count();
        } catch (Exception e) {
            // Scala does not declare the checked SparkException that the aborted job ends with
            if (e instanceof SparkException) {
                return;
            }
            throw e;
        }
        throw new IllegalStateException("job 3 was meant to fail and did not");
    }

    /** Polls the kill flag: a job abort does not interrupt task threads unless asked to. */
    private static void waitUntilKilled(TaskContext task) throws InterruptedException {
        long deadline = System.currentTimeMillis() + KILL_WAIT_LIMIT_MS;
        while (!task.isInterrupted() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }
}
