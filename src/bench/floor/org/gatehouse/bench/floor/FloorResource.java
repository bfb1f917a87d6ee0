package org.gatehouse.bench.floor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /floor/ping}: a small constant JSON object from an application-scoped resource, with
 * no filter, no provider and no JSON mapping of the application's own: the least a JAX-RS request
 * costs on the server it runs on.
 */
@ApplicationScoped
@Path("/ping")
public class FloorResource {

    private static final String BODY = "{\"versions\":[\"v1.11\"]}";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String ping() {
        return BODY;
    }
}
