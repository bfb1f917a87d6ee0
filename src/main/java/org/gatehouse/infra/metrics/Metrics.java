package org.gatehouse.infra.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * Gatehouse's own figures ({@link Figure}), counted in process and published through the metrics
 * API the server gives applications: Micrometer on WildFly (its {@code micrometer} subsystem),
 * MicroProfile Metrics on Payara; with neither, figures are only shown in the admin console. No
 * single standard API is served by both servers; docs/architecture.md ("Metrics") says what was
 * tried.
 *
 * <p>Callers ask once for the {@link Counter} of a series and keep it where they can: incrementing
 * it is all a request pays. Gauges are read only when the figures are read (a scrape, the console),
 * possibly on a server thread outside the application, so a gauge must only read memory.
 */
@ApplicationScoped
public class Metrics {

    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

    private static final String MICROMETER_API = "io.micrometer.core.instrument.MeterRegistry";
    private static final String MICROPROFILE_METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";

    /** One series: a figure and its label values. */
    private record Series(Figure figure, List<String> labelValues) {
    }

    /** A series' value as read now. */
    public record Reading(Figure figure, Map<String, String> labels, double value) {

        /** The series' name as exposed ({@link Figure#exposedName}). */
        public String name() {
            return figure.exposedName();
        }
    }

    private final Map<Series, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Figure, DoubleSupplier> gauges = new ConcurrentHashMap<>();
    private MetricsBackend backend;

    /** Figures kept in the returned object only and published nowhere: for code run outside a container. */
    public static Metrics inMemory() {
        Metrics metrics = new Metrics();
        metrics.backend = new UnpublishedBackend();
        return metrics;
    }

    @PostConstruct
    void start() {
        backend = serverBackend();
        LOG.info("Gatehouse metrics are published through " + backend.description());
    }

    @PreDestroy
    void stop() {
        backend.close();
    }

    /**
     * The counter of {@code figure} with these label values (one per {@link Figure#labels}, in
     * order), created and published on first use.
     *
     * @throws IllegalArgumentException when {@code figure} is not a counter or the number of
     *         values differs from its labels
     */
    public Counter counter(Figure figure, String... labelValues) {
        if (figure.kind() != Figure.Kind.COUNTER || labelValues.length != figure.labels().size()) {
            throw new IllegalArgumentException(figure + " " + figure.labels() + " is not a counter with labels "
                    + List.of(labelValues));
        }
        return counters.computeIfAbsent(new Series(figure, List.of(labelValues)),
                series -> backend.counter(series.figure(), series.labelValues()));
    }

    /**
     * Publishes gauge {@code figure}, read from {@code value} (which must only read memory).
     *
     * @throws IllegalArgumentException when {@code figure} is not a gauge
     * @throws IllegalStateException when the gauge is already published
     */
    public void gauge(Figure figure, DoubleSupplier value) {
        if (figure.kind() != Figure.Kind.GAUGE) {
            throw new IllegalArgumentException(figure + " is not a gauge");
        }
        if (gauges.putIfAbsent(figure, value) != null) {
            throw new IllegalStateException(figure + " is already published");
        }
        backend.gauge(figure, value);
    }

    /** Every series now, in {@link Figure} order, then by label values; names as exposed. */
    public List<Reading> read() {
        List<Reading> readings = new ArrayList<>();
        counters.forEach((series, counter) -> readings.add(new Reading(series.figure(), labels(series), counter.count())));
        gauges.forEach((figure, value) -> readings.add(new Reading(figure, Map.of(), value.getAsDouble())));
        readings.sort(Comparator.comparing((Reading r) -> r.figure().ordinal()).thenComparing(r -> r.labels().toString()));
        return readings;
    }

    /** Which metrics API the figures are published through (for the console and the log). */
    public String publishedThrough() {
        return backend.description();
    }

    private static Map<String, String> labels(Series series) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < series.labelValues().size(); i++) {
            labels.put(series.figure().labels().get(i), series.labelValues().get(i));
        }
        return labels;
    }

    /**
     * The backend over the server's metrics API. A backend class is named only after its API has
     * been found visible, so the other one is never loaded.
     */
    private static MetricsBackend serverBackend() {
        if (visible(MICROMETER_API)) {
            var micrometer = MicrometerBackend.lookUp();
            if (micrometer.isPresent()) {
                return micrometer.get();
            }
        }
        if (visible(MICROPROFILE_METRICS_API)) {
            var microProfile = MicroProfileMetricsBackend.lookUp();
            if (microProfile.isPresent()) {
                return microProfile.get();
            }
        }
        return new UnpublishedBackend();
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, Metrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
