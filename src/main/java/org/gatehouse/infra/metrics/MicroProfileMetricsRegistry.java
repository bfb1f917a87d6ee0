package org.gatehouse.infra.metrics;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Holds the application {@link MetricRegistry}, injected at a real injection point: Payara's
 * producer of the registry reads the injection point's annotations, so a programmatic lookup of
 * {@code MetricRegistry} itself fails there. On a server without MicroProfile Metrics this class
 * cannot be loaded, and CDI skips it; {@link MicroProfileMetricsBackend#lookUp} asks for it only
 * once the API is known to be visible.
 */
@Dependent
public class MicroProfileMetricsRegistry {

    @Inject
    MetricRegistry registry;

    MetricRegistry registry() {
        return registry;
    }
}
