package org.gatehouse.infra.metrics;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes figures to the application {@link MetricRegistry} of MicroProfile Metrics 5 (Payara
 * 6 serves it at {@code /metrics} on the HTTP port, beside its {@code base} JVM and {@code vendor}
 * connection-pool metrics). MicroProfile Metrics has no counter that reads a value from elsewhere,
 * so the registry's own counters do the counting here.
 *
 * <p>Only {@link #lookUp} names this class, and only once the MicroProfile Metrics API is known
 * to be visible, so that it is never loaded on a server without it.
 */
final class MicroProfileMetricsBackend implements MetricsBackend {

    private final MetricRegistry registry;
    private final List<MetricID> registered = new ArrayList<>();

    private MicroProfileMetricsBackend(MetricRegistry registry) {
        this.registry = registry;
    }

    /** The backend over the container's application {@link MetricRegistry}, if there is one. */
    static Optional<MetricsBackend> lookUp() {
        Instance<MicroProfileMetricsRegistry> holders = CDI.current().select(MicroProfileMetricsRegistry.class);
        return holders.isResolvable() ? Optional.of(new MicroProfileMetricsBackend(holders.get().registry()))
                : Optional.empty();
    }

    @Override
    public synchronized Counter counter(Figure figure, List<String> labelValues) {
        Tag[] tags = tags(figure, labelValues);
        org.eclipse.microprofile.metrics.Counter counter = registry.counter(metadata(figure), tags);
        registered.add(new MetricID(figure.baseName(), tags));
        return new Counter() {
            @Override
            public void increment() {
                counter.inc();
            }

            @Override
            public long count() {
                return counter.getCount();
            }
        };
    }

    @Override
    public synchronized void gauge(Figure figure, DoubleSupplier value) {
        registry.gauge(metadata(figure), value, DoubleSupplier::getAsDouble);
        registered.add(new MetricID(figure.baseName()));
    }

    @Override
    public String description() {
        return "MicroProfile Metrics (the server's application MetricRegistry: " + registry.getClass().getName() + ")";
    }

    @Override
    public synchronized void close() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private static Metadata metadata(Figure figure) {
        return Metadata.builder().withName(figure.baseName()).withDescription(figure.help()).build();
    }

    private static Tag[] tags(Figure figure, List<String> values) {
        return IntStream.range(0, values.size()).mapToObj(i -> new Tag(figure.labels().get(i), values.get(i)))
                .toArray(Tag[]::new);
    }
}
