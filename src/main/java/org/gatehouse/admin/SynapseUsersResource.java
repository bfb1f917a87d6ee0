package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.gatehouse.admin.SynapseUserViews.UserDetails;
import org.gatehouse.admin.SynapseUserViews.UserList;
import org.gatehouse.admin.UserAdministration.Saved;
import org.gatehouse.admin.UserAdministration.UserChanges;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.DeviceSession;
import org.gatehouse.user.UserSearch;

/**
 * The accounts of Synapse's user admin API, in Synapse's documented shapes so that its admin tools
 * work unchanged ({@link UserAdministration} states the rules; server admins only, 403
 * {@code M_FORBIDDEN} for anyone else):
 * <ul>
 *   <li>{@code GET /_synapse/admin/v2/users} and {@code v3/users}: paging ({@code from}, default
 *       0; {@code limit}, default 100, at most {@value #MAX_LIMIT}; {@code next_token} while more
 *       follow; {@code total}), filters {@code name} (localpart or display name contains),
 *       {@code user_id} (user ID contains), {@code guests} (default true), {@code deactivated} (v2:
 *       {@code true} includes deactivated accounts, excluded by default; v3: {@code true} only them,
 *       {@code false} none, absent all), {@code admins}, {@code locked} (default false: locked
 *       accounts excluded); {@code order_by} one of {@code name}, {@code is_guest}, {@code admin},
 *       {@code deactivated}, {@code displayname}, {@code creation_ts}, {@code locked},
 *       {@code suspended} (the other orderings Synapse offers are 400 {@code M_INVALID_PARAM}),
 *       {@code dir} {@code f} or {@code b};</li>
 *   <li>{@code GET|PUT /_synapse/admin/v2/users/{userId}}: query; create (201) or modify (200)
 *       with {@code password}, {@code logout_devices}, {@code displayname}, {@code admin},
 *       {@code deactivated}, {@code locked} (other fields are ignored);</li>
 *   <li>{@code GET|PUT /_synapse/admin/v1/users/{userId}/admin};</li>
 *   <li>{@code POST /_synapse/admin/v1/users/{userId}/login}: an access token of a new device of
 *       the user, expiring at {@code valid_until_ms} when given.</li>
 * </ul>
 */
@ApplicationScoped
@Path("/_synapse/admin")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SynapseUsersResource {

    static final int MAX_LIMIT = 1000;

    /** {@code GET|PUT …/admin}. */
    public record AdminFlag(Boolean admin) {
    }

    /** {@code POST …/login}. */
    public record LoginAsRequest(Long validUntilMs) {
    }

    /** The answer of {@code POST …/login}. */
    public record LoginAsResponse(String accessToken) {
    }

    @Inject
    UserAdministration administration;

    @Inject
    UserDevicesAdministration sessions;

    @Inject
    ServerConfig server;

    @Inject
    RequestContext context;

    @GET
    @Path("/v2/users")
    public UserList listV2(@QueryParam("from") String from, @QueryParam("limit") String limit,
                           @QueryParam("name") String name, @QueryParam("user_id") String userId,
                           @QueryParam("guests") String guests, @QueryParam("deactivated") String deactivated,
                           @QueryParam("admins") String admins, @QueryParam("locked") String locked,
                           @QueryParam("order_by") String orderBy, @QueryParam("dir") String dir) {
        Boolean onlyLive = QueryParams.bool("deactivated", deactivated, false) ? null : false;
        return list(from, limit, name, userId, guests, onlyLive, admins, locked, orderBy, dir);
    }

    @GET
    @Path("/v3/users")
    public UserList listV3(@QueryParam("from") String from, @QueryParam("limit") String limit,
                           @QueryParam("name") String name, @QueryParam("user_id") String userId,
                           @QueryParam("guests") String guests, @QueryParam("deactivated") String deactivated,
                           @QueryParam("admins") String admins, @QueryParam("locked") String locked,
                           @QueryParam("order_by") String orderBy, @QueryParam("dir") String dir) {
        return list(from, limit, name, userId, guests, QueryParams.bool("deactivated", deactivated, null), admins, locked,
                orderBy, dir);
    }

    @GET
    @Path("/v2/users/{userId}")
    public UserDetails user(@PathParam("userId") String userId) {
        return administration.details(context.requester(), userId);
    }

    /** 201 with the account when it was created, 200 when it was modified. */
    @PUT
    @Path("/v2/users/{userId}")
    public Response createOrModify(@PathParam("userId") String userId, UserChanges changes) {
        Saved saved = administration.createOrModify(context.requester(), userId,
                changes == null ? new UserChanges(null, null, null, null, null, null) : changes);
        return Response.status(saved.created() ? 201 : 200).entity(saved.user()).build();
    }

    @GET
    @Path("/v1/users/{userId}/admin")
    public AdminFlag admin(@PathParam("userId") String userId) {
        return new AdminFlag(administration.isAdmin(context.requester(), userId));
    }

    @PUT
    @Path("/v1/users/{userId}/admin")
    public EmptyResponse setAdmin(@PathParam("userId") String userId, AdminFlag request) {
        administration.setAdmin(context.requester(), userId, request == null ? null : request.admin());
        return EmptyResponse.INSTANCE;
    }

    @POST
    @Path("/v1/users/{userId}/login")
    public LoginAsResponse loginAs(@PathParam("userId") String userId, LoginAsRequest request) {
        DeviceSession session = sessions.loginAs(context.requester(), userId,
                request == null ? null : request.validUntilMs());
        return new LoginAsResponse(session.tokens().accessToken());
    }

    private UserList list(String from, String limit, String name, String userId, String guests, Boolean deactivated,
                          String admins, String locked, String orderBy, String dir) {
        int offset = QueryParams.nonNegative("from", from, 0);
        int size = Math.min(QueryParams.nonNegative("limit", limit, 100), MAX_LIMIT);
        UserSearch search = new UserSearch(blankToNull(name), blankToNull(userId), server.serverName(),
                QueryParams.bool("guests", guests, true), deactivated, QueryParams.bool("admins", admins, null),
                QueryParams.bool("locked", locked, false), order(orderBy), descending(dir));
        return administration.list(context.requester(), search, offset, size);
    }

    private static UserSearch.Order order(String orderBy) {
        if (orderBy == null) {
            return UserSearch.Order.NAME;
        }
        try {
            return UserSearch.Order.valueOf(orderBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw MatrixException.invalidParam("Unknown or unsupported order_by: " + orderBy);
        }
    }

    private static boolean descending(String dir) {
        if (dir == null || dir.equals("f")) {
            return false;
        }
        if (dir.equals("b")) {
            return true;
        }
        throw MatrixException.invalidParam("Query parameter dir must be one of ['b', 'f']");
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
