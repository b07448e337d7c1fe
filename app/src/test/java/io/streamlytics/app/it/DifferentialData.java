package io.streamlytics.app.it;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A seeded data set for the four input topics, as NDJSON lines in arrival order, and the answers the contract
 * (../shared/CONTRACT.md) gives for it, computed here by plain loops over the de-duplicated valid events. Nothing
 * of the product is used: not its parsers, sketches, pairing or rounding.
 *
 * <p>Disorder: each topic's events are generated in event-time order; 10-20% of them arrive up to 30 minutes
 * later than their event time would place them, a duplicate copy arrives at most 5 minutes of event time after
 * its original, so every record is at most 35 minutes behind the newest event time sent before it, in any
 * subsequence (partition) of the list: inside every grace (1 h windows, 6 h days) and the 1 h de-duplication window.
 */
final class DifferentialData {
    static final Instant START = Instant.parse("2024-09-02T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(3);
    static final int DAYS = 3;
    static final String API = "api-requests";
    static final String USERS = "user-events";
    static final String LOGS = "app-logs";
    static final String SPARK = "spark-events";
    static final List<String> TOPICS = List.of(API, USERS, LOGS, SPARK);

    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;
    private static final long MAX_DELAY_MS = 30 * MINUTE;
    private static final long MAX_DUPLICATE_GAP_MS = 5 * MINUTE;
    /** The contract's default maximum session length (4 h). */
    static final long MAX_SESSION_MS = 4 * HOUR;
    /** The contract's default daily grace. */
    static final long DAILY_GRACE_MS = 6 * HOUR;

    static final String[] ENDPOINTS = {"GET /api/v1/orders", "POST /api/v1/orders", "GET /api/v1/items", "POST /api/v1/payments",
            "GET /api/v1/search", "POST /api/v1/login"};
    static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    private static final int[] LEVEL_WEIGHTS = {5, 15, 50, 15, 12, 3};
    static final Map<String, String[]> APPS = new LinkedHashMap<>();
    static {
        APPS.put("auth", new String[]{"login", "tokens"});
        APPS.put("billing", new String[]{"invoices", "ledger", "api"});
        APPS.put("checkout", new String[]{"payments", "cart", "auth"});
        APPS.put("search", new String[]{"api", "indexer"});
    }
    /** The app whose search is also checked with {@code level=WARN}. */
    static final String LEVEL_FILTER_APP = "checkout";
    static final String LEVEL_FILTER = "WARN";
    private static final String[] WORDS = {"card declined", "Timeout calling bank", "user logged in", "cache miss", "retrying",
            "slow query", "connection reset", "order placed"};
    private static final String[] SPARK_USERS = {"alice", "bob", "carol", "dave"};
    static final int FLYERS = 30;
    static final int MERCHANTS = 10;

    enum Size {
        SMALL(2000, 8, 2000, 150, 1500, 40, 6, 25),
        LARGE(10_000, 8, 10_000, 750, 7500, 200, 15, 60);

        final int requests;
        final int customers;
        final int userEvents;
        final int users;
        final int logLines;
        final int jobs;
        final int badPerTopic;
        /** How long the live feed is spread over. */
        final int liveSeconds;

        Size(int requests, int customers, int userEvents, int users, int logLines, int jobs, int badPerTopic, int liveSeconds) {
            this.requests = requests;
            this.customers = customers;
            this.userEvents = userEvents;
            this.users = users;
            this.logLines = logLines;
            this.jobs = jobs;
            this.badPerTopic = badPerTopic;
            this.liveSeconds = liveSeconds;
        }
    }

    // ---------------------------------------------------------------- expected values

    /** One customer's UTC day. */
    static final class CustomerDay {
        long success;
        long failed;
        long clientErrors;
        double sumMs;
        final List<Double> durations = new ArrayList<>();
        final Set<Long> activeMinutes = new HashSet<>();
        final Set<Long> healthyMinutes = new HashSet<>();

        long count() {
            return success + failed + clientErrors;
        }

        double mean() {
            return sumMs / count();
        }

        double uptime() {
            return activeMinutes.isEmpty() ? 100.0 : healthyMinutes.size() * 100.0 / activeMinutes.size();
        }

        /** Sorted durations, for nearest-rank percentiles. */
        double[] sorted() {
            double[] values = durations.stream().mapToDouble(Double::doubleValue).toArray();
            java.util.Arrays.sort(values);
            return values;
        }
    }

    /** One endpoint's hour. */
    static final class EndpointHour {
        long count;
        long errors4xx;
        long errors5xx;
        double min = Double.MAX_VALUE;
        double max = -1;
        double sumMs;

        double avg() {
            return sumMs / count;
        }
    }

    /** One user's flyer figures. */
    static final class UserTime {
        long sessions;
        long totalMs;
        long abandoned;
        long orphans;

        double totalSeconds() {
            return totalMs / 1000.0;
        }

        double avgHours() {
            return sessions == 0 ? 0.0 : totalMs / 1000.0 / sessions / 3600.0;
        }
    }

    /** One merchant's UTC day (of the opens). */
    static final class MerchantDay {
        long opens;
        final Set<String> users = new HashSet<>();
        long sessions;
        long totalMs;

        double totalHours() {
            return totalMs / 3_600_000.0;
        }

        double avgSessionMinutes() {
            return sessions == 0 ? 0.0 : totalMs / 60_000.0 / sessions;
        }
    }

    /** Log lines counted by level and by service. */
    static final class LogCounts {
        long count;
        final Map<String, Long> byLevel = new TreeMap<>();
        final Map<String, Long> byService = new TreeMap<>();

        void add(String level, String service) {
            count++;
            byLevel.merge(level, 1L, Long::sum);
            byService.merge(service, 1L, Long::sum);
        }

        void addAll(LogCounts other) {
            count += other.count;
            other.byLevel.forEach((k, v) -> byLevel.merge(k, v, Long::sum));
            other.byService.forEach((k, v) -> byService.merge(k, v, Long::sum));
        }
    }

    /** One app's expected logs. */
    static final class AppExpected {
        /** Hours (start, epoch ms) before {@link #cutoffHour}: no timestamp-less line can fall in them. */
        final Map<Long, LogCounts> exactHours = new TreeMap<>();
        /** Everything from {@link #cutoffHour} on, timestamp-less lines included, summed. */
        final LogCounts tail = new LogCounts();
        final LogCounts total = new LogCounts();
        /** Every line's message (copies of a duplicated line twice), for search. */
        final Map<String, Integer> messages = new TreeMap<>();
        /** The messages of lines at {@link #LEVEL_FILTER} or above. */
        final Map<String, Integer> messagesAtLeastFilter = new TreeMap<>();
    }

    /** One Spark job. */
    static final class Job {
        final String jobId;
        final String user;
        final long start;
        Long end;
        boolean failedResult;
        /** task id -> successful; a task end delivered twice counts once. */
        final Map<String, Boolean> tasks = new TreeMap<>();

        Job(String jobId, String user, long start) {
            this.jobId = jobId;
            this.user = user;
            this.start = start;
        }

        String status() {
            return end == null ? "running" : failedResult ? "failed" : "success";
        }

        long totalTasks() {
            return tasks.size();
        }

        long failedTasks() {
            return tasks.values().stream().filter(ok -> !ok).count();
        }

        double successRate() {
            return tasks.isEmpty() ? 0.0 : (double) (totalTasks() - failedTasks()) / totalTasks();
        }

        Double durationSeconds() {
            return end == null ? null : (end - start) / 1000.0;
        }

        String day() {
            return dateOf(start);
        }
    }

    /** One day's job summary. */
    static final class JobDay {
        final Set<String> jobIds = new TreeSet<>();
        long totalTasks;
        long failedTasks;
        double successRateSum;
        long jobsWithTasks;
        double durationSum;
        long endedJobs;

        double avgSuccessRate() {
            return jobsWithTasks == 0 ? 0.0 : successRateSum / jobsWithTasks;
        }

        double avgDurationSeconds() {
            return endedJobs == 0 ? 0.0 : durationSum / endedJobs;
        }
    }

    final long seed;
    final Size size;
    final Instant generatedAt;
    /** Lines per contract topic name, in arrival order. */
    final Map<String, List<String>> lines = new LinkedHashMap<>();
    final Map<String, Integer> badSent = new LinkedHashMap<>();
    final Map<String, Integer> duplicatesSent = new LinkedHashMap<>();

    final Map<String, Map<String, CustomerDay>> customerDays = new TreeMap<>();
    final Map<String, Map<Long, EndpointHour>> endpointHours = new TreeMap<>();
    /** Customers' days that are closed for certain once everything is processed: end + daily grace well behind every partition. */
    final Set<String> closedDates = new TreeSet<>();
    final Map<String, UserTime> users = new TreeMap<>();
    final Map<String, Map<String, MerchantDay>> merchantDays = new TreeMap<>();
    final Map<String, AppExpected> apps = new TreeMap<>();
    /** Start of the hour of {@link #generatedAt}: every timestamped line is before it or in it, every timestamp-less line in it or after. */
    final long cutoffHour;
    final int timestamplessLines;
    final Map<String, Job> jobs = new TreeMap<>();
    final Map<String, JobDay> jobDays = new TreeMap<>();

    private final Random random;

    static DifferentialData generate(long seed, Size size) {
        return new DifferentialData(seed, size, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private DifferentialData(long seed, Size size, Instant generatedAt) {
        this.seed = seed;
        this.size = size;
        this.generatedAt = generatedAt;
        this.random = new Random(seed);
        this.cutoffHour = generatedAt.toEpochMilli() / HOUR * HOUR;
        apiRequests();
        userEvents();
        this.timestamplessLines = appLogs();
        sparkEvents();
    }

    static String dateOf(long epochMs) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC).toString();
    }

    static String dateOfDay(int day) {
        return LocalDate.ofInstant(START, ZoneOffset.UTC).plusDays(day).toString();
    }

    // ---------------------------------------------------------------- arrival order

    /** A record of the list: its event time (or a stand-in), the time that places it in the list, and its line. */
    private record Placed(long arrival, long sequence, String json) {
    }

    /**
     * The lines in arrival order: 10-20% delayed by up to 30 minutes, {@code duplicateShare} of them sent twice (the
     * copy at most 5 minutes of event time after the original), the bad lines in the middle fifth of the list.
     * {@code timed} are in event-time order. Returns the number of duplicate copies.
     */
    private int arrange(String topic, List<long[]> times, List<String> timed, double duplicateShare, List<String> bad,
                        List<String> appendLast) {
        double delayedShare = 0.10 + 0.10 * random.nextDouble();
        List<Placed> placed = new ArrayList<>();
        int duplicates = 0;
        for (int i = 0; i < timed.size(); i++) {
            long time = times.get(i)[0];
            boolean delayable = times.get(i)[1] == 0;
            long arrival = time + (delayable && random.nextDouble() < delayedShare ? 1 + random.nextLong(MAX_DELAY_MS) : 0);
            placed.add(new Placed(arrival, 2L * i, timed.get(i)));
            if (times.get(i)[2] == 1 && random.nextDouble() < duplicateShare) {
                placed.add(new Placed(arrival + random.nextLong(MAX_DUPLICATE_GAP_MS + 1), 2L * i + 1, timed.get(i)));
                duplicates++;
            }
        }
        placed.sort(Comparator.comparingLong(Placed::arrival).thenComparingLong(Placed::sequence));
        List<String> list = new ArrayList<>(placed.stream().map(Placed::json).toList());
        for (String line : bad) {
            int at = (int) (list.size() * 0.4) + random.nextInt(Math.max(1, (int) (list.size() * 0.2)));
            list.add(at, line);
        }
        list.addAll(appendLast);
        lines.put(topic, list);
        badSent.put(topic, bad.size());
        duplicatesSent.put(topic, duplicates);
        return duplicates;
    }

    /** {event time, 1 if it must not be delayed, 1 if it may be duplicated}. */
    private static long[] timing(long time, boolean mayDelay, boolean mayDuplicate) {
        return new long[]{time, mayDelay ? 0 : 1, mayDuplicate ? 1 : 0};
    }

    private long randomTimeInSpan() {
        return START.toEpochMilli() + random.nextLong(SPAN.toMillis());
    }

    private static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    // ---------------------------------------------------------------- api-requests

    private void apiRequests() {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < size.requests; i++) {
            times.add(randomTimeInSpan());
        }
        Collections.sort(times);
        List<long[]> timing = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        long lastPerCustomerMin = Long.MAX_VALUE;
        Map<String, Long> lastOfCustomer = new HashMap<>();
        for (int i = 0; i < times.size(); i++) {
            long time = times.get(i);
            String customer = "cust_" + random.nextInt(size.customers);
            String endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            int status = status();
            // log-uniform over 1..2000 ms, one decimal
            double duration = Math.round(Math.exp(random.nextDouble() * Math.log(2000)) * 10) / 10.0;
            duration = Math.max(1.0, Math.min(2000.0, duration));
            String requestId = "r-" + seed + "-" + i;

            StringBuilder json = new StringBuilder("{\"timestamp\":");
            json.append(random.nextInt(20) == 0 ? Long.toString(time) : quote(iso(time)));
            json.append(",\"customer_id\":").append(quote(customer));
            boolean aliases = random.nextInt(20) == 0;
            if (!(method.equals("GET") && random.nextInt(10) == 0)) {
                json.append(",\"method\":").append(quote(method));
            }
            json.append(aliases ? ",\"endpoint\":" : ",\"request_path\":").append(quote(path));
            json.append(aliases ? ",\"response_code\":" : ",\"status_code\":").append(status);
            json.append(aliases ? ",\"response_time_ms\":" : ",\"duration_ms\":").append(duration);
            json.append(",\"request_id\":").append(quote(requestId)).append('}');
            timed.add(json.toString());
            timing.add(timing(time, true, true));

            // the plain computation, once per request whatever the copies
            CustomerDay day = customerDays.computeIfAbsent(customer, c -> new TreeMap<>()).computeIfAbsent(dateOf(time), d -> new CustomerDay());
            if (status >= 500) {
                day.failed++;
            } else if (status >= 400) {
                day.clientErrors++;
            } else {
                day.success++;
            }
            day.sumMs += duration;
            day.durations.add(duration);
            long minute = time / MINUTE;
            day.activeMinutes.add(minute);
            if (status < 500) {
                day.healthyMinutes.add(minute);
            }
            EndpointHour hour = endpointHours.computeIfAbsent(endpoint, e -> new TreeMap<>()).computeIfAbsent(time / HOUR * HOUR,
                    h -> new EndpointHour());
            hour.count++;
            hour.errors4xx += status >= 400 && status < 500 ? 1 : 0;
            hour.errors5xx += status >= 500 ? 1 : 0;
            hour.min = Math.min(hour.min, duration);
            hour.max = Math.max(hour.max, duration);
            hour.sumMs += duration;
            lastOfCustomer.put(customer, time);
        }
        for (long last : lastOfCustomer.values()) {
            lastPerCustomerMin = Math.min(lastPerCustomerMin, last);
        }
        // a day is closed once the low watermark passes its end plus the daily grace; every partition's stream time
        // ends at least at the earliest "last request" of a customer, less the disorder: keep two hours of margin
        for (int d = 0; d < DAYS; d++) {
            long end = START.toEpochMilli() + (d + 1) * DAY;
            if (end + DAILY_GRACE_MS + 2 * HOUR <= lastPerCustomerMin) {
                closedDates.add(dateOfDay(d));
            }
        }
        long mid = START.toEpochMilli() + SPAN.toMillis() / 2;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < size.badPerTopic; i++) {
            String customer = "cust_" + random.nextInt(size.customers);
            bad.add(switch (i % 3) {
                case 0 -> "{\"timestamp\":\"" + iso(mid) + "\",\"customer_id\":\"" + customer + "\",\"request_path\":\"/api/v1/ord";
                case 1 -> "{\"timestamp\":\"" + iso(mid) + "\",\"customer_id\":\"" + customer
                        + "\",\"method\":\"GET\",\"request_path\":\"/api/v1/orders\",\"duration_ms\":12.5,\"request_id\":\"bad-" + i + "\"}";
                default -> "{\"timestamp\":\"" + iso(mid) + "\",\"customer_id\":\"" + customer
                        + "\",\"method\":\"GET\",\"request_path\":\"/api/v1/orders\",\"status_code\":200,\"duration_ms\":-5,\"request_id\":\"bad-"
                        + i + "\"}";
            });
        }
        arrange(API, timing, timed, 0.03, bad, List.of());
    }

    private int status() {
        int roll = random.nextInt(100);
        if (roll < 78) {
            return roll % 4 == 0 ? 201 : 200;
        } else if (roll < 80) {
            return 302;
        } else if (roll < 92) {
            return new int[]{400, 404, 429}[random.nextInt(3)];
        }
        return random.nextBoolean() ? 500 : 503;
    }

    // ---------------------------------------------------------------- user-events

    private record UserEvent(long time, String user, String event, int flyer) {
        boolean flyerEvent() {
            return flyer >= 0;
        }

        String merchant() {
            return merchantOf(flyer);
        }
    }

    static String flyerId(int flyer) {
        return "f-" + (flyer < 10 ? "0" : "") + flyer;
    }

    static String merchantOf(int flyer) {
        return "m-" + flyer % MERCHANTS;
    }

    private void userEvents() {
        List<UserEvent> events = new ArrayList<>();
        int activities = (int) Math.round(size.userEvents / 1.8);
        int[] perUser = new int[size.users];
        for (int i = 0; i < activities; i++) {
            perUser[random.nextInt(size.users)]++;
        }
        for (int u = 0; u < size.users; u++) {
            String user = String.format("u-%04d", u);
            int[] favourites = {random.nextInt(FLYERS), random.nextInt(FLYERS), random.nextInt(FLYERS)};
            List<Long> starts = new ArrayList<>();
            for (int i = 0; i < Math.max(1, perUser[u]); i++) {
                starts.add(START.toEpochMilli() + random.nextLong(SPAN.toMillis() - HOUR));
            }
            Collections.sort(starts);
            Map<Integer, String> lastOfFlyer = new HashMap<>();
            long free = 0;
            for (long start : starts) {
                long t = Math.max(start, free);
                int flyer = random.nextInt(4) == 0 ? random.nextInt(FLYERS) : favourites[random.nextInt(favourites.length)];
                int roll = random.nextInt(100);
                String last = lastOfFlyer.get(flyer);
                if (roll < 60 || (roll >= 75 && roll < 80 && "flyer_open".equals(last))) {
                    // a session of 30 s to 20 min
                    long close = t + 30_000 + random.nextLong(20 * MINUTE - 30_000);
                    events.add(new UserEvent(t, user, "flyer_open", flyer));
                    events.add(new UserEvent(close, user, "flyer_close", flyer));
                    lastOfFlyer.put(flyer, "flyer_close");
                    t = close;
                } else if (roll < 70) {
                    // an open abandoned by a second open of the same flyer, which is then closed
                    long reopen = t + 60_000 + random.nextLong(9 * MINUTE);
                    long close = reopen + 30_000 + random.nextLong(15 * MINUTE);
                    events.add(new UserEvent(t, user, "flyer_open", flyer));
                    events.add(new UserEvent(reopen, user, "flyer_open", flyer));
                    events.add(new UserEvent(close, user, "flyer_close", flyer));
                    lastOfFlyer.put(flyer, "flyer_close");
                    t = close;
                } else if (roll < 75) {
                    // an open with no close: abandoned by the next open of the flyer, or by nothing within 4 h
                    events.add(new UserEvent(t, user, "flyer_open", flyer));
                    lastOfFlyer.put(flyer, "flyer_open");
                } else if (roll < 80) {
                    // a close with no open: only after a close (or first), so that it never pairs with an open
                    events.add(new UserEvent(t, user, "flyer_close", flyer));
                    lastOfFlyer.put(flyer, "flyer_close");
                } else {
                    events.add(new UserEvent(t, user, random.nextBoolean() ? "search" : "app_open", -1));
                }
                free = t + 60_000 + random.nextLong(MINUTE);
            }
        }
        events.sort(Comparator.comparingLong(UserEvent::time).thenComparing(UserEvent::user));
        // distinct times per (user, flyer): nothing depends on the tie rules
        List<long[]> timing = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        long newest = 0;
        for (UserEvent event : events) {
            timed.add(userEventJson(event));
            timing.add(timing(event.time(), true, true));
            newest = Math.max(newest, event.time());
        }
        // the plain computation: each user's events of one flyer in event-time order, paired
        Map<String, Map<Integer, List<UserEvent>>> byUserFlyer = new TreeMap<>();
        for (UserEvent event : events) {
            users.computeIfAbsent(event.user(), u -> new UserTime());
            if (event.flyerEvent()) {
                byUserFlyer.computeIfAbsent(event.user(), u -> new TreeMap<>()).computeIfAbsent(event.flyer(), f -> new ArrayList<>()).add(event);
                if (event.event().equals("flyer_open")) {
                    MerchantDay day = merchantDays.computeIfAbsent(event.merchant(), m -> new TreeMap<>())
                            .computeIfAbsent(dateOf(event.time()), d -> new MerchantDay());
                    day.opens++;
                    day.users.add(event.user());
                }
            }
        }
        byUserFlyer.forEach((user, flyers) -> flyers.forEach((flyer, list) -> {
            // at the same instant a close comes before an open (there are no ties here)
            list.sort(Comparator.comparingLong(UserEvent::time).thenComparing(e -> e.event().equals("flyer_open") ? 1 : 0));
            UserTime totals = users.get(user);
            int i = 0;
            while (i < list.size()) {
                UserEvent event = list.get(i);
                if (event.event().equals("flyer_open")) {
                    UserEvent next = i + 1 < list.size() ? list.get(i + 1) : null;
                    if (next != null && next.event().equals("flyer_close") && next.time() - event.time() <= MAX_SESSION_MS) {
                        long ms = next.time() - event.time();
                        totals.sessions++;
                        totals.totalMs += ms;
                        MerchantDay day = merchantDays.get(event.merchant()).get(dateOf(event.time()));
                        day.sessions++;
                        day.totalMs += ms;
                        i += 2;
                    } else {
                        totals.abandoned++;
                        i++;
                    }
                } else {
                    totals.orphans++;
                    i++;
                }
            }
        }));
        // bad records: not JSON, no user_id, an open without flyer_id
        long mid = START.toEpochMilli() + SPAN.toMillis() / 2;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < size.badPerTopic; i++) {
            String user = String.format("u-%04d", random.nextInt(size.users));
            bad.add(switch (i % 3) {
                case 0 -> "{\"timestamp\":\"" + iso(mid) + "\",\"user_id\":\"" + user + "\",\"event\":\"flyer_o";
                case 1 -> "{\"timestamp\":\"" + iso(mid) + "\",\"event\":\"flyer_open\",\"flyer_id\":\"f-01\",\"merchant_id\":\"m-1\"}";
                default -> "{\"timestamp\":\"" + iso(mid) + "\",\"user_id\":\"" + user + "\",\"event\":\"flyer_open\",\"merchant_id\":\"m-1\"}";
            });
        }
        // everything settles: a harmless event of a user of its own, more than grace + maximum session length later
        UserEvent last = new UserEvent(newest + 6 * HOUR, "u-zz-final", "search", -1);
        users.put(last.user(), new UserTime());
        arrange(USERS, timing, timed, 0.03, bad, List.of(userEventJson(last)));
    }

    private String userEventJson(UserEvent event) {
        StringBuilder json = new StringBuilder("{\"timestamp\":").append(quote(iso(event.time())))
                .append(",\"user_id\":").append(quote(event.user()))
                .append(",\"event\":").append(quote(event.event()));
        if (event.flyerEvent()) {
            json.append(",\"flyer_id\":").append(quote(flyerId(event.flyer()))).append(",\"merchant_id\":").append(quote(event.merchant()));
        } else if (Math.floorMod(event.time(), 2) == 0) {
            json.append(",\"flyer_id\":\"\",\"merchant_id\":\"\"");
        }
        return json.append('}').toString();
    }

    // ---------------------------------------------------------------- app-logs

    private String level() {
        int roll = random.nextInt(100);
        for (int i = 0; i < LEVELS.length; i++) {
            roll -= LEVEL_WEIGHTS[i];
            if (roll < 0) {
                return LEVELS[i];
            }
        }
        return "INFO";
    }

    /** Returns the number of lines without a timestamp. */
    private int appLogs() {
        long now = generatedAt.toEpochMilli();
        long from = now - 6 * HOUR;
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < size.logLines; i++) {
            times.add(from + random.nextLong(6 * HOUR - 1000));
        }
        Collections.sort(times);
        List<String> appNames = new ArrayList<>(APPS.keySet());
        APPS.keySet().forEach(app -> apps.put(app, new AppExpected()));
        List<long[]> timing = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        int timestampless = 0;
        for (int i = 0; i < times.size(); i++) {
            boolean noTimestamp = random.nextInt(100) < 5;
            long time = times.get(i);
            String app = appNames.get(random.nextInt(appNames.size()));
            String[] services = APPS.get(app);
            boolean defaultService = random.nextInt(20) == 0;
            String service = defaultService ? app : services[random.nextInt(services.length)];
            String level = level();
            String written = level.equals("WARN") && random.nextInt(3) == 0 ? "WARNING"
                    : random.nextInt(5) == 0 ? level.toLowerCase(java.util.Locale.ROOT) : level;
            String message = "line " + seed + "-" + i + " " + WORDS[random.nextInt(WORDS.length)];
            StringBuilder json = new StringBuilder("{");
            if (!noTimestamp) {
                json.append("\"timestamp\":").append(quote(iso(time))).append(',');
            }
            json.append("\"app\":").append(quote(app));
            if (!defaultService) {
                json.append(",\"service\":").append(quote(service));
            }
            json.append(",\"level\":").append(quote(written)).append(",\"message\":").append(quote(message))
                    .append(",\"trace_id\":\"t").append(i).append("\",\"metadata\":{\"region\":\"")
                    .append(random.nextBoolean() ? "eu" : "us").append("\"}}");
            timed.add(json.toString());
            // a line without timestamp is placed at a random point of the list; it takes the time of ingest
            timing.add(noTimestamp ? timing(from + random.nextLong(6 * HOUR), false, true) : timing(time, true, true));
            timestampless += noTimestamp ? 1 : 0;
        }
        // the plain computation needs the copies: a log line sent twice is two lines (no id to de-duplicate by)
        List<long[]> timingCopy = new ArrayList<>(timing);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < size.badPerTopic; i++) {
            String app = appNames.get(random.nextInt(appNames.size()));
            String time = iso(now - 3 * HOUR);
            bad.add(switch (i % 3) {
                case 0 -> "{\"timestamp\":\"" + time + "\",\"app\":\"" + app + "\",\"level\":\"INFO\",\"mess";
                case 1 -> "{\"timestamp\":\"" + time + "\",\"app\":\"" + app + "\",\"message\":\"no level at all\"}";
                default -> "{\"timestamp\":\"" + time + "\",\"app\":\"" + app + "\",\"level\":\"loud\",\"message\":\"not a level\"}";
            });
        }
        arrange(LOGS, timingCopy, timed, 0.03, bad, List.of());
        Set<String> badLines = new HashSet<>(bad);
        // count what was sent, copies included, by reading back the lines this class wrote (its own fields, no product code)
        for (String line : lines.get(LOGS)) {
            if (badLines.contains(line)) {
                continue;
            }
            LogLine parsed = LogLine.of(line);
            AppExpected expected = apps.get(parsed.app);
            expected.total.add(parsed.level, parsed.service);
            if (parsed.time == null || parsed.time / HOUR * HOUR >= cutoffHour) {
                expected.tail.add(parsed.level, parsed.service);
            } else {
                expected.exactHours.computeIfAbsent(parsed.time / HOUR * HOUR, h -> new LogCounts()).add(parsed.level, parsed.service);
            }
            expected.messages.merge(parsed.message, 1, Integer::sum);
            if (levelIndex(parsed.level) >= levelIndex(LEVEL_FILTER)) {
                expected.messagesAtLeastFilter.merge(parsed.message, 1, Integer::sum);
            }
        }
        return timestampless;
    }

    static int levelIndex(String level) {
        return List.of(LEVELS).indexOf(level);
    }

    /** The fields of a line written by {@link #appLogs()}, read back with plain string search. */
    private record LogLine(Long time, String app, String service, String level, String message) {
        static LogLine of(String json) {
            String timestamp = field(json, "timestamp");
            String app = field(json, "app");
            String service = field(json, "service");
            String level = field(json, "level").toUpperCase(java.util.Locale.ROOT);
            return new LogLine(timestamp == null ? null : Instant.parse(timestamp).toEpochMilli(), app, service == null ? app : service,
                    level.equals("WARNING") ? "WARN" : level, field(json, "message"));
        }

        private static String field(String json, String name) {
            String marker = "\"" + name + "\":\"";
            int at = json.indexOf(marker);
            if (at < 0) {
                return null;
            }
            int from = at + marker.length();
            return json.substring(from, json.indexOf('"', from));
        }
    }

    // ---------------------------------------------------------------- spark-events

    private void sparkEvents() {
        record SparkLine(long time, String json, boolean taskEnd) {
        }
        List<SparkLine> events = new ArrayList<>();
        for (int j = 0; j < size.jobs; j++) {
            String jobId = Integer.toString(7000 + j);
            long start = START.toEpochMilli() + random.nextLong(SPAN.toMillis() - 3 * HOUR);
            String user = SPARK_USERS[random.nextInt(SPARK_USERS.length)];
            long length = 5 * MINUTE + random.nextLong(2 * HOUR);
            Job job = new Job(jobId, user, start);
            jobs.put(jobId, job);
            events.add(new SparkLine(start, "{\"job_id\":" + jobId + ",\"event\":\"SparkListenerJobStart\",\"timestamp\":\"" + iso(start)
                    + "\",\"user\":\"" + user + "\"}", false));
            int tasks = 5 + random.nextInt(26);
            for (int t = 0; t < tasks; t++) {
                String taskId = String.format("task_%03d", t);
                long end = start + 1 + random.nextLong(length - 1);
                long duration = 100 + random.nextLong(60_000);
                boolean successful = random.nextInt(100) >= 15;
                job.tasks.put(taskId, successful);
                events.add(new SparkLine(end, "{\"event\":\"SparkListenerTaskEnd\",\"job_id\":" + jobId + ",\"timestamp\":\"" + iso(end)
                        + "\",\"task_id\":\"" + taskId + "\",\"duration_ms\":" + duration + ",\"successful\":" + successful + "}", true));
            }
            if (random.nextInt(10) != 0) {
                long end = start + length;
                boolean failed = random.nextInt(100) < 25;
                job.end = end;
                job.failedResult = failed;
                events.add(new SparkLine(end, "{\"event\":\"SparkListenerJobEnd\",\"job_id\":" + jobId + ",\"timestamp\":\"" + iso(end)
                        + "\",\"completion_time\":\"" + iso(end) + "\",\"job_result\":\"" + (failed ? "JobFailed" : "JobSucceeded") + "\"}",
                        false));
            }
        }
        events.sort(Comparator.comparingLong(SparkLine::time));
        List<long[]> timing = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        for (SparkLine event : events) {
            timing.add(timing(event.time(), true, event.taskEnd()));
            timed.add(event.json());
        }
        for (Job job : jobs.values()) {
            JobDay day = jobDays.computeIfAbsent(job.day(), d -> new JobDay());
            day.jobIds.add(job.jobId);
            day.totalTasks += job.totalTasks();
            day.failedTasks += job.failedTasks();
            if (job.totalTasks() > 0) {
                day.jobsWithTasks++;
                day.successRateSum += job.successRate();
            }
            if (job.durationSeconds() != null) {
                day.endedJobs++;
                day.durationSum += job.durationSeconds();
            }
        }
        for (int d = 0; d < DAYS; d++) {
            jobDays.computeIfAbsent(dateOfDay(d), x -> new JobDay());
        }
        long mid = START.toEpochMilli() + SPAN.toMillis() / 2;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < size.badPerTopic; i++) {
            bad.add(switch (i % 3) {
                case 0 -> "{\"event\":\"SparkListenerTaskEnd\",\"job_id\":7000,\"timestamp\":\"" + iso(mid) + "\",\"task_";
                case 1 -> "{\"event\":\"SparkListenerTaskEnd\",\"timestamp\":\"" + iso(mid) + "\",\"task_id\":\"task_900\",\"duration_ms\":5}";
                default -> "{\"event\":\"SparkListenerJobEnd\",\"job_id\":7001,\"timestamp\":\"" + iso(mid) + "\",\"job_result\":\"Maybe\"}";
            });
        }
        // task ends delivered twice (8%); they count once
        arrange(SPARK, timing, timed, 0.08, bad, List.of());
    }

    /** One line of what was generated, for the failure message. */
    String describe() {
        StringBuilder text = new StringBuilder();
        lines.forEach((topic, list) -> text.append(topic).append(' ').append(list.size()).append(" lines (").append(badSent.get(topic))
                .append(" bad, ").append(duplicatesSent.get(topic)).append(" duplicate copies), "));
        text.append(users.size()).append(" users, ").append(jobs.size()).append(" jobs, ").append(timestamplessLines)
                .append(" log lines without timestamp, generated at ").append(generatedAt);
        return text.toString();
    }
}
