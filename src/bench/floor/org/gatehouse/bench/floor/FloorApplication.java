package org.gatehouse.bench.floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The benchmark's floor: a JAX-RS application of its own, deployed beside Gatehouse on the same
 * server at {@code /floor} (docs/benchmarks.md). What a request to it costs is what the server
 * costs for any JAX-RS request; Gatehouse's own per-request work is measured against it.
 */
@ApplicationPath("/")
public class FloorApplication extends Application {
}
