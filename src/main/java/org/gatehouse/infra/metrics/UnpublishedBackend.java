package org.gatehouse.infra.metrics;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The backend when the server offers no metrics API to applications: figures are kept in memory
 * and only the admin console ({@link Metrics#read}) shows them.
 */
final class UnpublishedBackend implements MetricsBackend {

    @Override
    public Counter counter(Figure figure, List<String> labelValues) {
        return new LocalCounter();
    }

    @Override
    public void gauge(Figure figure, DoubleSupplier value) {
        // read through Metrics#read only
    }

    @Override
    public String description() {
        return "none (the server gives applications neither Micrometer nor MicroProfile Metrics); "
                + "figures are shown in the admin console only";
    }

    @Override
    public void close() {
        // nothing was registered anywhere
    }
}
