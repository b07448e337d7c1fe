package io.streamlytics.app.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamlytics.topology.events.EventJson;
import io.streamlytics.topology.flyer.merchant.MerchantDailyReport;
import io.streamlytics.topology.sparkjobs.DaySummary;
import io.streamlytics.topology.sparkjobs.JobAnalytics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The replies typed in the query layer keep the JSON the routes answered as maps: these fields, in this order, nulls written. */
class QueryResultJsonTest {
    private static final JobAnalytics JOB = new JobAnalytics("7", null, "alice", JobAnalytics.RUNNING, "2025-05-22T15:00:00Z",
            null, null, 2, 1, 0, 1, 0.5, new JobAnalytics.TaskDurations(1500.0, 1500.0, 1500.0));
    private static final MerchantDailyReport DAY = new MerchantDailyReport("21", "2025-05-22", "2025-05-22T00:00:00Z",
            "2025-05-23T00:00:00Z", 3, 2, 1, 0.25, 15.0, List.of(new MerchantDailyReport.TopFlyer("1234", 1, 0.25)));

    private static String json(Object value) throws JsonProcessingException {
        return EventJson.MAPPER.writeValueAsString(value);
    }

    @Test
    void aSparkDayIsDateSummaryJobsAndNext() throws JsonProcessingException {
        DaySummary.View summary = DaySummary.EMPTY.view();
        assertEquals("{\"date\":\"2025-05-22\",\"summary\":" + json(summary) + ",\"jobs\":[" + json(JOB) + "],\"next\":\"cursor\"}",
                json(new SparkJobQuery.Day("2025-05-22", summary, List.of(JOB), "cursor")));
        assertEquals("{\"date\":\"2025-05-22\",\"summary\":" + json(summary) + ",\"jobs\":[],\"next\":null}",
                json(new SparkJobQuery.Day("2025-05-22", summary, List.of(), null)));
    }

    @Test
    void aMerchantReportIsItemsAndNext() throws JsonProcessingException {
        assertEquals("{\"items\":[" + json(DAY) + "],\"next\":\"2025-05-22\"}", json(new MerchantReportQuery.Page(List.of(DAY), "2025-05-22")));
        assertEquals("{\"items\":[],\"next\":null}", json(new MerchantReportQuery.Page(List.of(), null)));
    }
}
