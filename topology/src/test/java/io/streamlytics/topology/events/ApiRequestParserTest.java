package io.streamlytics.topology.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ApiRequestParser} on its own: required fields, aliases, defaults and ranges (contract section 1). */
class ApiRequestParserTest {
    private static final long NOW = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private final ApiRequestParser parser = new ApiRequestParser();

    private ApiRequest parse(String json) throws InvalidEventException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private String reason(String json) {
        return assertThrows(InvalidEventException.class, () -> parse(json), json).getMessage();
    }

    @Test
    void parsesTheContractExample() throws Exception {
        ApiRequest r = parse("{\"timestamp\":\"2024-09-03T10:15:30.120Z\",\"customer_id\":\"cust_1\",\"method\":\"GET\","
                + "\"request_path\":\"/api/v1/orders\",\"status_code\":200,\"duration_ms\":35.2,\"request_id\":\"r-81f3\"}");
        assertEquals(new ApiRequest(Instant.parse("2024-09-03T10:15:30.120Z").toEpochMilli(), "cust_1", "GET",
                "/api/v1/orders", 200, 35.2, "r-81f3"), r);
        assertEquals("GET /api/v1/orders", r.endpoint());
        assertTrue(r.success());
    }

    @Test
    void acceptsTheAliases() throws Exception {
        ApiRequest r = parse("{\"timestamp\":0,\"customer_id\":\"c\",\"endpoint\":\"/x\",\"response_code\":503,"
                + "\"response_time_ms\":12}");
        assertEquals("/x", r.path());
        assertEquals(503, r.statusCode());
        assertEquals(12.0, r.durationMs());
        assertTrue(r.failed());
    }

    @Test
    void canonicalNameWinsOverItsAliasAndNullFallsBackToTheAlias() throws Exception {
        ApiRequest r = parse("{\"timestamp\":0,\"customer_id\":\"c\",\"request_path\":\"/canonical\",\"endpoint\":\"/alias\","
                + "\"status_code\":null,\"response_code\":404,\"duration_ms\":1,\"response_time_ms\":2}");
        assertEquals("/canonical", r.path());
        assertEquals(404, r.statusCode());
        assertEquals(1.0, r.durationMs());
    }

    @ParameterizedTest(name = "method {0} -> {1}")
    @CsvSource(value = {"<absent>,GET", "'\"\"',GET", "'\"  \"',GET", "'\"post\"',POST", "'\" Delete \"',DELETE", "null,GET"},
            nullValues = "<absent>")
    void methodDefaultsToGetAndIsUpperCased(String methodJson, String expected) throws Exception {
        String json = "{\"timestamp\":0,\"customer_id\":\"c\",\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":1"
                + (methodJson == null ? "" : ",\"method\":" + methodJson) + "}";
        ApiRequest r = parse(json);
        assertEquals(expected, r.method());
        assertEquals(expected + " /x", r.endpoint());
    }

    @Test
    void blankRequestIdIsNoId() throws Exception {
        assertNull(parse("{\"timestamp\":0,\"customer_id\":\"c\",\"request_path\":\"/x\",\"status_code\":200,"
                + "\"duration_ms\":1,\"request_id\":\" \"}").requestId());
    }

    @Test
    void unknownExtraFieldsAreIgnored() throws Exception {
        assertEquals("c", parse("{\"timestamp\":0,\"customer_id\":\"c\",\"request_path\":\"/x\",\"status_code\":200,"
                + "\"duration_ms\":1,\"region\":\"eu\",\"nested\":{\"a\":[1,2]}}").customerId());
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource({"100,true,false,false", "399,true,false,false", "400,false,true,false", "499,false,true,false",
            "500,false,false,true", "599,false,false,true"})
    void statusClassBoundaries(int status, boolean success, boolean clientError, boolean failed) throws Exception {
        ApiRequest r = parse("{\"timestamp\":0,\"customer_id\":\"c\",\"request_path\":\"/x\",\"status_code\":" + status
                + ",\"duration_ms\":1}");
        assertEquals(success, r.success());
        assertEquals(clientError, r.clientError());
        assertEquals(failed, r.failed());
    }

    @Test
    void zeroDurationIsValid() throws Exception {
        assertEquals(0.0, parse("{\"timestamp\":0,\"customer_id\":\"c\",\"request_path\":\"/x\",\"status_code\":200,"
                + "\"duration_ms\":0}").durationMs());
    }

    @Test
    void rejectionsNameTheFieldAndTheProblem() {
        String base = "\"timestamp\":0,\"customer_id\":\"c\",\"request_path\":\"/x\"";
        assertEquals("field 'status_code' must be an integer, got number 200.5",
                reason("{" + base + ",\"status_code\":200.5,\"duration_ms\":1}"));
        assertEquals("field 'status_code' must be an integer, got boolean true",
                reason("{" + base + ",\"status_code\":true,\"duration_ms\":1}"));
        assertEquals("field 'status_code' must be an HTTP status 100-599, got 99",
                reason("{" + base + ",\"status_code\":99,\"duration_ms\":1}"));
        assertEquals("field 'status_code' must be an HTTP status 100-599, got 600",
                reason("{" + base + ",\"status_code\":600,\"duration_ms\":1}"));
        assertEquals("field 'status_code' must be an integer, got number 99999999999",
                reason("{" + base + ",\"status_code\":99999999999,\"duration_ms\":1}"));
        assertEquals("field 'duration_ms' must be from 0 to 86400000 (one day, in milliseconds), got -1.0",
                reason("{" + base + ",\"status_code\":200,\"duration_ms\":-1}"));
        assertEquals("field 'duration_ms' must be from 0 to 86400000 (one day, in milliseconds), got 8.6400001E7",
                reason("{" + base + ",\"status_code\":200,\"duration_ms\":86400001}"));
        assertTrue(reason("{" + base + ",\"status_code\":200,\"duration_ms\":1e400}").startsWith("field 'duration_ms' must be a number"),
                "an overflowing number is not finite");
        assertEquals("field 'customer_id' must be a string, got number 42",
                reason("{\"timestamp\":0,\"customer_id\":42,\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":1}"));
        assertEquals("field 'request_path' must not be empty",
                reason("{\"timestamp\":0,\"customer_id\":\"c\",\"request_path\":\" \",\"status_code\":200,\"duration_ms\":1}"));
        assertEquals("missing required field 'duration_ms'",
                reason("{" + base + ",\"status_code\":200,\"duration\":1}"));
        // an alias of the wrong type is reported under the canonical name
        assertEquals("field 'duration_ms' must be a number, got string \"1\"",
                reason("{" + base + ",\"status_code\":200,\"response_time_ms\":\"1\"}"));
        assertTrue(reason("{" + base.replace("\"/x\"", "\"/" + "a".repeat(EventJson.MAX_TEXT_LENGTH) + "\"")
                + ",\"status_code\":200,\"duration_ms\":1}").contains("longer than " + EventJson.MAX_TEXT_LENGTH));
    }

    @Test
    void deeplyNestedJsonIsRejectedNotRecursedInto() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        String reason = reason("{\"timestamp\":0,\"x\":" + deep + "}");
        assertTrue(reason.startsWith("malformed JSON"), reason);
    }

    @Test
    void nonObjectsAreRejected() {
        assertEquals("expected a JSON object, got array [1,2]", reason("[1,2]"));
        assertEquals("expected a JSON object, got null", reason("null"));
        assertEquals("expected a JSON object, got boolean true", reason("true"));
        assertFalse(reason("").isBlank());
    }
}
