package io.streamlytics.benchspark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The classic batch algorithm of flyer time per user, as Spark SQL: keep opens and closes, number each
 * (user, flyer)'s events in time order, join each row to the next, and time every such pair, whatever
 * the two events are. Reads user-events as JSON lines with epoch-millisecond timestamps and writes one
 * CSV row per user with a pair: {@code user_id, pairs, total_ms, avg_time_on_flyer_per_user_hours}.
 * <p>
 * Usage: {@code ClassicFlyerTimeJob INPUT.ndjson OUTPUT-DIR MASTER}, e.g. {@code local[2]}.
 */
public final class ClassicFlyerTimeJob {
    /**
     * The average divides in the order ours does (seconds, then per pair, then hours), so that where both
     * time the same pairs the two doubles are the same before rounding. With ties in time the row numbers
     * are in any order, but a (user, flyer)'s sum of gaps is its last time minus its first either way.
     */
    private static final String CLASSIC_SQL = """
            WITH flyer_events AS (
              SELECT user_id, flyer_id, timestamp FROM user_events WHERE event IN ('flyer_open', 'flyer_close')
            ), numbered AS (
              SELECT user_id, flyer_id, timestamp,
                     ROW_NUMBER() OVER (PARTITION BY user_id, flyer_id ORDER BY timestamp) AS rn
              FROM flyer_events
            ), pairs AS (
              SELECT this_row.user_id, next_row.timestamp - this_row.timestamp AS duration_ms
              FROM numbered this_row JOIN numbered next_row
                ON next_row.user_id = this_row.user_id AND next_row.flyer_id = this_row.flyer_id AND next_row.rn = this_row.rn + 1
            )
            SELECT user_id, COUNT(*) AS pairs, SUM(duration_ms) AS total_ms,
                   ROUND(CAST(SUM(duration_ms) AS DOUBLE) / 1000 / COUNT(*) / 3600, 2) AS avg_time_on_flyer_per_user_hours
            FROM pairs GROUP BY user_id
            """;

    private ClassicFlyerTimeJob() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: ClassicFlyerTimeJob INPUT.ndjson OUTPUT-DIR MASTER");
            System.exit(2);
        }
        // nobody watches a batch's web UI here; starting it would only add to the time measured
        SparkSession spark = SparkSession.builder().appName("classic-flyer-time").master(args[2])
                .config("spark.ui.enabled", false).getOrCreate();
        try {
            // the schema given, as a production job would: no pass over the file to infer it
            StructType schema = new StructType()
                    .add("timestamp", DataTypes.LongType)
                    .add("user_id", DataTypes.StringType)
                    .add("event", DataTypes.StringType)
                    .add("flyer_id", DataTypes.StringType);
            spark.read().schema(schema).json(args[0]).createOrReplaceTempView("user_events");
            spark.sql(CLASSIC_SQL).write().option("header", true).csv(args[1]);
        } finally {
            spark.stop();
        }
    }
}
