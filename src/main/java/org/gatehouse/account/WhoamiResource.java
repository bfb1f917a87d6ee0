package org.gatehouse.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.gatehouse.http.AllowGuest;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.JsonMapping;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.Requester;

/**
 * {@code GET /_matrix/client/v3/account/whoami} (spec: "Current account information"; {@code whoami.yaml}).
 * The body is written by {@link WhoamiJson}, not JSON-B (one fewer serialisation per request), and
 * answered with its {@code Content-Type} ({@link JsonMapping#JSON_UTF8}) already set: a
 * {@code @Produces} with a {@code charset} parameter would have the runtime make that media type
 * again on every request, to match the request's {@code Accept} and to pick the response's type
 * (docs/benchmarks.md, section 17).
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/account/whoami")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@AllowGuest
public class WhoamiResource {

    @Inject
    RequestContext context;

    @GET
    public Response whoami() {
        Requester requester = context.requester();
        byte[] body = WhoamiJson.of(requester.userId(), requester.deviceId(), requester.guest())
                .getBytes(StandardCharsets.UTF_8);
        return Response.ok(body, JsonMapping.JSON_UTF8).build();
    }
}
