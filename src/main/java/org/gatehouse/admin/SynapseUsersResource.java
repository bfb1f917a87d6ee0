package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.admin.SynapseUserViews.UserDetails;
import org.gatehouse.admin.SynapseUserViews.UserList;
import org.gatehouse.admin.UserAdministration.Saved;
import org.gatehouse.admin.UserAdministration.UserChanges;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.RequestContext;

/**
 * {@code /_synapse/admin/v2/users}: the accounts of Synapse's user admin API, in Synapse's
 * documented shapes so that its admin tools work unchanged ({@link UserAdministration} states the
 * rules; server admins only, 403 {@code M_FORBIDDEN} for anyone else):
 * <ul>
 *   <li>{@code GET}: the list ({@link UserListParams}: paging {@code from}/{@code limit},
 *       {@code next_token} while more follow, {@code total}; filters {@code name}, {@code user_id},
 *       {@code guests} (default true), {@code deactivated} ({@code true} includes deactivated
 *       accounts, excluded by default; {@link SynapseUsersV3Resource} reads it differently),
 *       {@code admins}, {@code locked} (default false: locked accounts excluded); {@code order_by}
 *       one of {@code name}, {@code is_guest}, {@code admin}, {@code deactivated},
 *       {@code displayname}, {@code creation_ts}, {@code locked}, {@code suspended} (Synapse's other
 *       orderings are 400 {@code M_INVALID_PARAM}); {@code dir} {@code f} or {@code b});</li>
 *   <li>{@code GET|PUT /{userId}}: query; create (201) or modify (200) with {@code password},
 *       {@code logout_devices}, {@code displayname}, {@code admin}, {@code deactivated},
 *       {@code locked} (other fields are ignored);</li>
 *   <li>{@code POST /{userId}/delete_devices} (the other device endpoints are
 *       {@link SynapseDevicesResource}'s).</li>
 * </ul>
 */
@ApplicationScoped
@Path("/_synapse/admin/v2/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SynapseUsersResource {

    @Inject
    UserAdministration administration;

    @Inject
    UserDevicesAdministration devices;

    @Inject
    ServerConfig server;

    @Inject
    RequestContext context;

    @GET
    public UserList list(@BeanParam UserListQuery query) {
        Boolean onlyLive = QueryParams.bool("deactivated", query.deactivated(), false) ? null : false;
        UserListParams params = query.parse(server.serverName(), onlyLive);
        return administration.list(context.requester(), params.search(), params.from(), params.limit());
    }

    @GET
    @Path("/{userId}")
    public UserDetails user(@PathParam("userId") String userId) {
        return administration.details(context.requester(), userId);
    }

    /** 201 with the account when it was created, 200 when it was modified. */
    @PUT
    @Path("/{userId}")
    public Response createOrModify(@PathParam("userId") String userId, UserChanges changes) {
        Saved saved = administration.createOrModify(context.requester(), userId,
                changes == null ? new UserChanges(null, null, null, null, null, null) : changes);
        return Response.status(saved.created() ? 201 : 200).entity(saved.user()).build();
    }

    /** Logs out and deletes the listed devices ({@link SynapseDevicesResource#listedDeviceIds}). */
    @POST
    @Path("/{userId}/delete_devices")
    public EmptyResponse deleteDevices(@PathParam("userId") String userId, SynapseDevicesResource.DeleteDevices request) {
        AdminAccess.requireAdmin(context.requester());
        devices.delete(context.requester(), userId, SynapseDevicesResource.listedDeviceIds(context.body()));
        return EmptyResponse.INSTANCE;
    }
}
