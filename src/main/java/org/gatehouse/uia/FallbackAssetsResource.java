package org.gatehouse.uia;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.gatehouse.http.HtmlPages;

/**
 * The script and stylesheet of the fallback pages, under {@value FallbackPages#ASSETS}: pages
 * carry no inline script or style, so that their Content-Security-Policy can forbid both.
 * {@code done.js} is the spec's completion snippet (spec: "Fallback").
 */
@ApplicationScoped
@Path(FallbackPages.ASSETS)
public class FallbackAssetsResource {

    @GET
    @Path("done.js")
    public Response script() {
        return HtmlPages.asset(FallbackAssetsResource.class, "done.js", "text/javascript; charset=utf-8");
    }

    @GET
    @Path("fallback.css")
    public Response stylesheet() {
        return HtmlPages.asset(FallbackAssetsResource.class, "fallback.css", "text/css; charset=utf-8");
    }
}
