package org.gatehouse.appservice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;

/**
 * {@code GET /_synapse/admin/v1/appservices}: the registered application services, for server
 * admins (anyone else: 403 {@code M_FORBIDDEN}). A Gatehouse addition beside the Synapse-compatible
 * admin API; Synapse has no such endpoint. Each service is shown with its {@code id}, {@code url},
 * sender, namespaces, {@code rate_limited}, {@code protocols} and {@code receive_ephemeral}, never
 * with a token.
 */
@ApplicationScoped
@Path("/_synapse/admin/v1/appservices")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AppServicesAdminResource {

    /** The response. */
    public record AppServiceList(List<AppServiceView> appservices, int total) {
    }

    /** One registration, without its tokens. */
    public record AppServiceView(String id, String url, String sender, NamespacesView namespaces, boolean rateLimited,
                                 List<String> protocols, boolean receiveEphemeral) {

        static AppServiceView of(AppService service) {
            return new AppServiceView(service.id(), service.url(), service.sender().toString(),
                    new NamespacesView(views(service.users()), views(service.aliases()), views(service.rooms())),
                    service.rateLimited(), service.protocols(), service.receiveEphemeral());
        }

        private static List<NamespaceView> views(List<Namespace> namespaces) {
            return namespaces.stream().map(ns -> new NamespaceView(ns.regex().pattern(), ns.exclusive())).toList();
        }
    }

    /** {@code namespaces} as in the registration file. */
    public record NamespacesView(List<NamespaceView> users, List<NamespaceView> aliases, List<NamespaceView> rooms) {
    }

    /** One namespace. */
    public record NamespaceView(String regex, boolean exclusive) {
    }

    @Inject
    AppServiceRegistry registry;

    @Inject
    RequestContext context;

    @Inject
    Audit audit;

    @GET
    public AppServiceList list() {
        if (!context.requester().admin()) {
            throw MatrixException.forbidden("You are not a server admin");
        }
        List<AppServiceView> views = registry.all().stream().map(AppServiceView::of).toList();
        audit.adminAction(context.requester().userId(), "appservice_list", "appservices");
        return new AppServiceList(views, views.size());
    }
}
