package org.gatehouse.admin.console;

import static org.gatehouse.http.HtmlPages.escape;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.gatehouse.http.HtmlPages;

/**
 * The admin console, {@code GET /_gatehouse/admin/}: one HTML page whose script
 * ({@code console.js}, served beside it; no framework, no build step) signs a server admin in
 * with a Matrix password login and then drives the Synapse-compatible admin API, the spec's admin
 * module ({@code /_matrix/client/v1/admin/…}) and {@link FiguresResource} from the browser. The
 * page holds no data and needs no authentication; every call the script makes is authorised by
 * the admin's access token, which lives only in the page's memory. Same Content-Security-Policy
 * and look as the fallback pages ({@link HtmlPages}).
 */
@ApplicationScoped
@Path(AdminConsoleResource.PATH)
public class AdminConsoleResource {

    static final String PATH = "/_gatehouse/admin";

    /** The page's content ({@code console.html} beside this class), where {@code {{base}}} stands for the application's path. */
    private static final String BODY = read("console.html");

    @Context
    UriInfo uri;

    @GET
    public Response page() {
        String base = uri.getBaseUri().getRawPath();
        String assets = base + PATH.substring(1);
        return HtmlPages.page(200, HtmlPages.document("Gatehouse administration", assets + "/console.css",
                assets + "/console.js", BODY.replace("{{base}}", escape(base))));
    }

    @GET
    @Path("console.js")
    public Response script() {
        return HtmlPages.asset(AdminConsoleResource.class, "console.js", "text/javascript; charset=utf-8");
    }

    @GET
    @Path("console.css")
    public Response stylesheet() {
        return HtmlPages.asset(AdminConsoleResource.class, "console.css", "text/css; charset=utf-8");
    }

    private static String read(String name) {
        try (InputStream in = AdminConsoleResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + name + " beside " + AdminConsoleResource.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
