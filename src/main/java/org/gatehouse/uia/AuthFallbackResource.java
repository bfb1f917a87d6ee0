package org.gatehouse.uia;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.HtmlPages;

/**
 * {@code GET} and {@code POST /_matrix/client/v3/auth/{authType}/fallback/web?session=…} (spec:
 * "User-Interactive Authentication API" → "Fallback"): an HTML page that completes one stage of
 * an existing session in a browser, and the form submission (form-encoded, to the same URL; the
 * session may also come as a form field). Answers are always HTML, errors included; see
 * {@link FallbackPages}.
 */
@Path(ApiPaths.CLIENT_V3 + "/auth/{stageType}/fallback/web")
public class AuthFallbackResource {

    @Inject
    FallbackPages pages;

    @Context
    UriInfo uri;

    @GET
    public Response show(@PathParam("apiVersion") String apiVersion, @PathParam("stageType") String stageType,
                         @QueryParam("session") String session) {
        return respond(pages.show(basePath(), apiVersion, stageType, session));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("apiVersion") String apiVersion, @PathParam("stageType") String stageType,
                           @QueryParam("session") String session, MultivaluedMap<String, String> form) {
        String sessionId = session != null ? session : form.getFirst("session");
        return respond(pages.submit(basePath(), apiVersion, stageType, sessionId, form));
    }

    private String basePath() {
        return uri.getBaseUri().getRawPath();
    }

    private static Response respond(FallbackPage page) {
        return HtmlPages.page(page.status(), page.html());
    }
}
