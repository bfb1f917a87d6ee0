package org.gatehouse.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for talking to a deployed Gatehouse from tests. */
public final class MatrixHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URI base;

    public MatrixHttp(URL base) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply get(String path, String accessToken) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + accessToken));
    }

    public Reply post(String path, JsonStructure body) {
        return postRaw(path, body.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    public Reply post(String path, JsonStructure body, String accessToken) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** POST of raw bytes; {@code contentType} {@code null} sends no Content-Type header. */
    public Reply postRaw(String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /**
     * Moves the server's clock forward when the deployment carries the test clock
     * ({@link AdjustableClock} and {@link AdjustableClockResource}).
     */
    public void advanceTestClock(long millis) {
        Reply reply = postRaw("/_test/clock/advance/" + millis, new byte[0], null);
        if (reply.status() != 204) {
            throw new AssertionError("the test clock did not move: " + reply.status() + " " + reply.text());
        }
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One response: status, headers and the body parsed as a JSON object when it is one. */
    public record Reply(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String text() {
            return raw.body();
        }

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(raw.body()))) {
                return reader.readObject();
            }
        }

        public String string(String field) {
            return json().getString(field);
        }
    }
}
