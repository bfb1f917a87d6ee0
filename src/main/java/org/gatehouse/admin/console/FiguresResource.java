package org.gatehouse.admin.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.metrics.Metrics;

/**
 * {@code GET /_gatehouse/admin/v1/figures}: Gatehouse's own figures as JSON, for the admin
 * console (which cannot read the server's Prometheus endpoint: on WildFly it is on the management
 * interface). The same series, names and labels as that endpoint; a value not known yet (a ratio
 * before the first lookup, the session count before the first count) is absent. Server admins
 * only: anyone else is 403 {@code M_FORBIDDEN}.
 */
@ApplicationScoped
@Path("/_gatehouse/admin/v1/figures")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class FiguresResource {

    /** One series: its name and labels as on the Prometheus endpoint, its value ({@code null} when not known yet). */
    public record Series(String name, Map<String, String> labels, Double value) {
    }

    /** The answer: where the figures are also published, and every series now. */
    public record Figures(String publishedThrough, List<Series> figures) {
    }

    @Inject
    Metrics metrics;

    @Inject
    RequestContext context;

    @GET
    public Figures read() {
        if (!context.requester().admin()) {
            throw MatrixException.forbidden("You are not a server admin");
        }
        List<Series> figures = metrics.read().stream()
                .map(reading -> new Series(reading.name(), reading.labels(),
                        Double.isFinite(reading.value()) ? reading.value() : null))
                .toList();
        return new Figures(metrics.publishedThrough(), figures);
    }
}
