package org.gatehouse;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The JAX-RS application. Matrix paths are absolute ({@code /_matrix/client/...},
 * {@code /.well-known/matrix/client}), so the application is mapped at the root and the WAR is
 * deployed at the root context.
 */
@ApplicationPath("/")
public class GatehouseApplication extends Application {

    /**
     * Switches off Jersey's generated WADL ({@code GET /application.wadl} on Payara), so that every
     * path Gatehouse does not serve is 404 {@code M_UNRECOGNIZED} on every server. Other JAX-RS
     * runtimes ignore the property.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
