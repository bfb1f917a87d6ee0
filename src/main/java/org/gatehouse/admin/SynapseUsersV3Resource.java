package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.admin.SynapseUserViews.UserList;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.RequestContext;

/**
 * {@code GET /_synapse/admin/v3/users}: Synapse's "List Accounts (V3)", the v2 list
 * ({@link SynapseUsersResource}) but for {@code deactivated}: {@code true} only deactivated
 * accounts, {@code false} only live ones, absent both. Server admins only.
 */
@ApplicationScoped
@Path("/_synapse/admin/v3/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SynapseUsersV3Resource {

    @Inject
    UserAdministration administration;

    @Inject
    ServerConfig server;

    @Inject
    RequestContext context;

    @GET
    public UserList list(@BeanParam UserListQuery query) {
        UserListParams params = query.parse(server.serverName(), QueryParams.bool("deactivated", query.deactivated(), null));
        return administration.list(context.requester(), params.search(), params.from(), params.limit());
    }
}
