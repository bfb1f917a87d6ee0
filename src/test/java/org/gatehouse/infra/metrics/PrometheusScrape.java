package org.gatehouse.infra.metrics;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of the server's Prometheus endpoint, parsed: on WildFly the management interface's
 * {@code /metrics} (port {@code it.management.port}), on Payara {@code /metrics} on the HTTP port.
 */
final class PrometheusScrape {

    /** One sample line: {@code name{label="value",…} value}. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;
    private final List<Sample> samples;

    private PrometheusScrape(String text) {
        this.text = text;
        this.samples = parse(text);
    }

    /** Whether the tests run on Payara (else WildFly). */
    static boolean onPayara() {
        return "payara".equals(System.getProperty("arquillian.launch"));
    }

    /** The endpoint for a deployment at {@code base}. */
    static URI endpoint(URL base) {
        if (onPayara()) {
            return URI.create(base.toString().replaceAll("/+$", "") + "/metrics");
        }
        return URI.create("http://127.0.0.1:" + System.getProperty("it.management.port", "9990") + "/metrics");
    }

    /**
     * Reads the endpoint; fails unless it answers 200 with lines of the Prometheus text format
     * (WildFly's endpoint sends no Content-Type).
     */
    static PrometheusScrape read(URL base) {
        URI uri = endpoint(base);
        try {
            HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new AssertionError("GET " + uri + ": HTTP " + reply.statusCode() + "\n" + reply.body());
            }
            return new PrometheusScrape(reply.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The sum of every sample named {@code name} whose labels include {@code labels} (0 when none). */
    double sum(String name, Map<String, String> labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** Every sample named {@code name} whose labels include {@code labels}. */
    List<Sample> matching(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    /** Whether some sample's name starts with {@code prefix}. */
    boolean hasSampleStartingWith(String prefix) {
        return samples.stream().anyMatch(sample -> sample.name().startsWith(prefix));
    }

    /** The text as served, for failure messages. */
    String text() {
        return text;
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = LINE.matcher(line.trim());
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, value(sample.group(3))));
        }
        return samples;
    }

    private static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
