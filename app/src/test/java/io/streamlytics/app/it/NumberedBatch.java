package io.streamlytics.app.it;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A batch of api-requests numbered from {@code first}: request {@code n} is customer {@code n % customers}'s, timed
 * {@code n} seconds into an hour of 2024-09-03, with request id {@code r<n>}, so that a batch sent again is the same
 * events; its count per customer is what the client adds up once the batch is accepted.
 */
record NumberedBatch(String ndjson, Map<String, Integer> counts) {

    static NumberedBatch of(int first, int size, int customers) {
        Map<String, Integer> counts = new TreeMap<>();
        StringJoiner ndjson = new StringJoiner("\n");
        for (int next = first; next < first + size; next++) {
            String customer = "cust_" + next % customers;
            counts.merge(customer, 1, Integer::sum);
            ndjson.add("{\"timestamp\":\"2024-09-03T10:" + String.format("%02d:%02d", next / 60 % 60, next % 60)
                    + "Z\",\"customer_id\":\"" + customer + "\",\"request_path\":\"/x\",\"status_code\":200,"
                    + "\"duration_ms\":5,\"request_id\":\"r" + next + "\"}");
        }
        return new NumberedBatch(ndjson.toString(), counts);
    }
}
