package org.gatehouse.sso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A minimal browser for the SSO flow: follows nothing by itself, keeps Gatehouse's
 * {@code gatehouse_sso} cookie and sends it back like a browser would (on the callback path only).
 */
final class SsoBrowser {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    private String cookie;

    /** One answer: status, Location, the page, and the headers that matter here. */
    record Page(int status, String location, String body, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Page get(URI uri) {
        return send(uri, HttpRequest.newBuilder(uri).GET());
    }

    /** Submits an HTML form of {@code fields} to {@code uri}, as {@code application/x-www-form-urlencoded}. */
    Page post(URI uri, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(uri, HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Page send(URI uri, HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(60));
        if (cookie != null && uri.getPath().startsWith("/_gatehouse/client/oidc/")) {
            request.header("Cookie", "gatehouse_sso=" + cookie);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            for (String set : response.headers().allValues("Set-Cookie")) {
                if (set.startsWith("gatehouse_sso=")) {
                    String value = set.substring("gatehouse_sso=".length(), set.indexOf(';'));
                    cookie = value.isEmpty() ? null : value;
                }
            }
            Optional<String> location = response.headers().firstValue("Location");
            return new Page(response.statusCode(), location.map(l -> uri.resolve(l).toString()).orElse(null), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String cookie() {
        return cookie;
    }

    void cookie(String value) {
        cookie = value;
    }
}
