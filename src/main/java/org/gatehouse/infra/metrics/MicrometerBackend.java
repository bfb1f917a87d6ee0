package org.gatehouse.infra.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

/**
 * Publishes figures to the Micrometer {@link MeterRegistry} that WildFly's {@code micrometer}
 * subsystem gives deployments as a CDI bean; its Prometheus registry serves them on the
 * management interface beside the server's JVM and datasource metrics, tagged
 * {@code WF_DEPLOYMENT} with the deployment's name.
 *
 * <p>WildFly's registry for a deployment passes on to the server's registries only what is
 * created with {@link MeterRegistry#counter(String, Iterable)} and
 * {@link MeterRegistry#gauge(String, Iterable, Object, java.util.function.ToDoubleFunction)}
 * (meters built with {@code FunctionCounter.builder(…).register(…)} stay in a private registry
 * nobody reads), so those are the only calls made here; their help text is therefore empty on
 * WildFly. Micrometer holds a gauge's state weakly: the suppliers are kept here.
 *
 * <p>Only {@link #lookUp} names this class, and only once the Micrometer API is known to be
 * visible, so that it is never loaded on a server without Micrometer.
 */
final class MicrometerBackend implements MetricsBackend {

    private final MeterRegistry registry;
    private final List<Meter> counters = new ArrayList<>();
    private final List<GaugeRegistration> gauges = new ArrayList<>();

    private record GaugeRegistration(String name, DoubleSupplier value) {
    }

    private MicrometerBackend(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The backend over the container's {@link MeterRegistry} bean, if there is one. */
    static Optional<MetricsBackend> lookUp() {
        Instance<MeterRegistry> registries = CDI.current().select(MeterRegistry.class);
        return registries.isResolvable() ? Optional.of(new MicrometerBackend(registries.get())) : Optional.empty();
    }

    @Override
    public synchronized Counter counter(Figure figure, List<String> labelValues) {
        io.micrometer.core.instrument.Counter counter = registry.counter(figure.baseName(), tags(figure, labelValues));
        counters.add(counter);
        return new Counter() {
            @Override
            public void increment() {
                counter.increment();
            }

            @Override
            public long count() {
                return (long) counter.count();
            }
        };
    }

    @Override
    public synchronized void gauge(Figure figure, DoubleSupplier value) {
        registry.gauge(figure.baseName(), List.of(), value, DoubleSupplier::getAsDouble);
        gauges.add(new GaugeRegistration(figure.baseName(), value));
    }

    @Override
    public String description() {
        return "Micrometer (the server's MeterRegistry: " + registry.getClass().getName() + ")";
    }

    @Override
    public synchronized void close() {
        counters.forEach(registry::remove);
        counters.clear();
        gauges.forEach(gauge -> {
            Meter meter = registry.find(gauge.name()).gauge();
            if (meter != null) {
                registry.remove(meter);
            }
        });
        gauges.clear();
    }

    private static List<Tag> tags(Figure figure, List<String> values) {
        return IntStream.range(0, values.size()).mapToObj(i -> Tag.of(figure.labels().get(i), values.get(i))).toList();
    }
}
