package org.gatehouse.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.gatehouse.http.JsonMapping;

/**
 * {@code GET /_matrix/client/versions} (spec: "API Versions", {@code versions.yaml}): the
 * specification versions the server supports. Needs no authentication. The answer never changes,
 * so it is written to JSON once, by the same mapping as every other response
 * ({@link JsonMapping}), and each request is answered with those bytes.
 */
@Path("/_matrix/client/versions")
@ApplicationScoped
public class VersionsResource {

    /** The response of {@code getVersions}. */
    public record Versions(List<String> versions, Map<String, Boolean> unstableFeatures) {
    }

    private static final byte[] VERSIONS = JsonMapping.JSONB.toJson(new Versions(SupportedVersions.VERSIONS, Map.of()))
            .getBytes(StandardCharsets.UTF_8);

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response versions() {
        return Response.ok(VERSIONS, JsonMapping.JSON_UTF8).build();
    }
}
