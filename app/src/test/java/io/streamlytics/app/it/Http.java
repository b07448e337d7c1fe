package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.topology.events.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks HTTP to an instance, as a user would. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return parse(body);
        }
    }

    private Http() {
    }

    static JsonNode parse(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    static Reply get(StreamlyticsInstance instance, String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(instance, pathAndQuery)).GET());
    }

    static Reply post(StreamlyticsInstance instance, String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(instance, path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request with extra headers, given as name, value, name, value, … */
    static Reply get(StreamlyticsInstance instance, String pathAndQuery, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(uri(instance, pathAndQuery)), headers).GET());
    }

    static Reply post(StreamlyticsInstance instance, String path, String contentType, String body, String... headers) {
        return send(withHeaders(HttpRequest.newBuilder(uri(instance, path)), headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private static URI uri(StreamlyticsInstance instance, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + instance.address().port() + pathAndQuery);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
