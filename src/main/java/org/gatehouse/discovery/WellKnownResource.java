package org.gatehouse.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.config.ServerConfig;

/**
 * {@code GET /.well-known/matrix/client} (spec: "Well-known URIs", {@code wellknown.yaml}):
 * tells clients the homeserver's base URL, {@code gatehouse.public-base-url}.
 */
@Path("/.well-known/matrix/client")
@ApplicationScoped
public class WellKnownResource {

    /** The {@code m.homeserver} object. */
    public record HomeserverInformation(String baseUrl) {
    }

    /** The discovery information; only {@code m.homeserver} is served. */
    public record DiscoveryInformation(@JsonbProperty("m.homeserver") HomeserverInformation homeserver) {
    }

    @Inject
    ServerConfig server;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DiscoveryInformation clientDiscovery() {
        return new DiscoveryInformation(new HomeserverInformation(server.publicBaseUrl()));
    }
}
