package io.streamlytics.app.http;

import io.streamlytics.app.ingest.IngestService;
import io.streamlytics.app.query.AnomalyQuery;
import io.streamlytics.app.query.AppLogCounts;
import io.streamlytics.app.query.CustomerStatsQuery;
import io.streamlytics.app.query.EndpointMetricsQuery;
import io.streamlytics.app.query.EndpointPartials;
import io.streamlytics.app.query.FlyerTimeQuery;
import io.streamlytics.app.query.Forwarder;
import io.streamlytics.app.query.KeyLocator;
import io.streamlytics.app.query.KeyQueryRouter;
import io.streamlytics.app.query.LocalStoreReader;
import io.streamlytics.app.query.LocalQueries;
import io.streamlytics.app.query.LogSearch;
import io.streamlytics.app.query.MerchantReportQuery;
import io.streamlytics.app.query.PartitionGatherer;
import io.streamlytics.app.query.QualityQuery;
import io.streamlytics.app.query.RunningTasks;
import io.streamlytics.app.query.SparkJobQuery;
import io.streamlytics.topology.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import java.time.Clock;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Every query route over one streams instance, wired once: for the app, and for the tests that drive
 * the real routes without a broker (so they can never test a different wiring).
 */
public final class QueryApi {
    /**
     * Partition counts behind the stores that are gathered from every instance: the stores after a
     * repartition have as many partitions as the topic they were re-keyed from.
     */
    public record Partitions(IntSupplier apiRequests, IntSupplier appLogs, IntSupplier userEvents, IntSupplier qualityCounts) {
    }

    private final QualityQuery quality;
    private final KeyLocator locator;
    private final List<Routes> routes;

    public QueryApi(KafkaStreams streams, RunningTasks runningTasks, HostInfo self, Forwarder forwarder, Partitions partitions,
                    Topics topics, IngestService ingest, Clock clock) {
        PartitionGatherer apiRequests = new PartitionGatherer(streams, self, forwarder, partitions.apiRequests());
        LocalQueries reader = new LocalQueries(streams, runningTasks);
        EndpointPartials endpointPartials = new EndpointPartials(reader);
        locator = new KeyLocator(streams);
        KeyQueryHandler keyQueries = new KeyQueryHandler(KeyQueryRouter.of(streams, locator, runningTasks, forwarder, self));
        quality = new QualityQuery(reader, new PartitionGatherer(streams, self, forwarder, partitions.qualityCounts()), topics);
        LocalStoreReader appLogReader = new LocalStoreReader(streams, runningTasks, partitions.appLogs());
        PartitionGatherer appLogGatherer = new PartitionGatherer(streams, self, forwarder, partitions.appLogs());
        AppLogCounts appLogCounts = new AppLogCounts(appLogReader, appLogGatherer);
        LogSearch logSearch = new LogSearch(appLogReader, appLogGatherer, appLogCounts);
        PartitionGatherer users = new PartitionGatherer(streams, self, forwarder, partitions.userEvents());
        routes = List.of(
                new CustomerRoutes(keyQueries, new CustomerStatsQuery(reader)),
                new EndpointRoutes(new EndpointMetricsQuery(endpointPartials, apiRequests), endpointPartials, clock),
                new AnomalyRoutes(new AnomalyQuery(reader, apiRequests), clock),
                new QualityRoutes(quality),
                new AppLogRoutes(logSearch, appLogCounts, clock),
                new LegacyLogRoutes(ingest, logSearch, appLogCounts),
                new FlyerRoutes(keyQueries, new FlyerTimeQuery(reader, users), new MerchantReportQuery(reader)),
                new SparkJobRoutes(keyQueries, new SparkJobQuery(reader)));
    }

    /** The quality counters, also read by the metrics and the dead-letter log. */
    public QualityQuery quality() {
        return quality;
    }

    /** To be called on every change of the streams state, when keys may have moved. */
    public void streamsStateChanged() {
        locator.forgetOwners();
    }

    public List<Routes> routes() {
        return routes;
    }
}
