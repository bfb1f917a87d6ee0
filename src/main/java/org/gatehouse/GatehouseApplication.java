package org.gatehouse;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application. Matrix paths are absolute ({@code /_matrix/client/...},
 * {@code /.well-known/matrix/client}), so the application is mapped at the root and the WAR is
 * deployed at the root context.
 */
@ApplicationPath("/")
public class GatehouseApplication extends Application {
}
