package org.gatehouse.infra.metrics;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Where {@link Metrics} publishes figures: the metrics API the server gives applications.
 * Implementations keep what they registered and remove it on {@link #close}, so a redeployed
 * application never leaves figures behind in the server's registry.
 */
interface MetricsBackend extends AutoCloseable {

    /** A counter series of {@code figure} with these label values (in {@link Figure#labels} order), published. */
    Counter counter(Figure figure, List<String> labelValues);

    /** Publishes gauge {@code figure} (without labels), read from {@code value} whenever it is read. */
    void gauge(Figure figure, DoubleSupplier value);

    /** Which API this is, for the log. */
    String description();

    /** Removes everything this backend registered. */
    @Override
    void close();
}
