package org.gatehouse.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_matrix/client/versions} (spec: "API Versions", {@code versions.yaml}): the
 * specification versions the server supports. Needs no authentication.
 */
@Path("/_matrix/client/versions")
@ApplicationScoped
public class VersionsResource {

    /** The response of {@code getVersions}. */
    public record Versions(List<String> versions, Map<String, Boolean> unstableFeatures) {
    }

    private static final Versions VERSIONS = new Versions(SupportedVersions.VERSIONS, Map.of());

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Versions versions() {
        return VERSIONS;
    }
}
