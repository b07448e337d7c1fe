package io.streamlytics.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamlytics.topology.events.EventJson;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Requests that Jetty refuses before any route sees them (a malformed or ambiguous URI such as
 * {@code /a/../../etc}, an encoded NUL, overlong UTF-8) are answered in the API's error format too,
 * not with Jetty's HTML page.
 */
final class JettyJsonErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
        String text = message == null || message.isBlank() ? "request refused by the HTTP server" : message;
        try {
            return EventJson.MAPPER.writeValueAsBytes(Map.of("error", Map.of("code", "http_" + code, "message", text)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error of two strings is always writable", e);
        }
    }
}
