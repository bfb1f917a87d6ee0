package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.RequestContext;

/**
 * The account actions of Synapse's admin API, in its documented shapes (server admins only, 403
 * {@code M_FORBIDDEN} for anyone else; {@link UserAdministration} states the rules):
 * <ul>
 *   <li>{@code POST /_synapse/admin/v1/reset_password/{userId}}: {@code new_password} (required),
 *       {@code logout_devices} (default true);</li>
 *   <li>{@code POST /_synapse/admin/v1/deactivate/{userId}}: {@code erase} (default false);
 *       answers {@code id_server_unbind_result: success} (no identity server is ever bound);</li>
 *   <li>{@code GET /_synapse/admin/v1/whois/{userId}} ({@link Whois}, as the admin module's);</li>
 *   <li>{@code PUT /_synapse/admin/v1/suspend/{userId}}: {@code suspend}; answers
 *       {@code user_<userId>_suspended};</li>
 *   <li>{@code GET /_synapse/admin/v1/users/{userId}/joined_rooms}: always none (Gatehouse serves
 *       no rooms; admin tools ask before deactivating);</li>
 *   <li>{@code GET /_synapse/admin/v1/server_version}.</li>
 * </ul>
 */
@ApplicationScoped
@Path("/_synapse/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SynapseAccountActionsResource {

    /** {@code POST reset_password}. */
    public record ResetPasswordRequest(String newPassword, Boolean logoutDevices) {
    }

    /** {@code POST deactivate}. */
    public record DeactivateRequest(Boolean erase) {
    }

    /** The answer of {@code POST deactivate}. */
    public record DeactivateResponse(@JsonbProperty("id_server_unbind_result") String idServerUnbindResult) {
    }

    /** {@code PUT suspend}. */
    public record SuspendRequest(Boolean suspend) {
    }

    /** The answer of {@code GET joined_rooms}. */
    public record JoinedRooms(List<String> joinedRooms, long total) {
    }

    /** The answer of {@code GET server_version}. */
    public record ServerVersion(String serverVersion) {
    }

    @Inject
    UserAdministration administration;

    @Inject
    Whois whois;

    @Inject
    RequestContext context;

    @POST
    @Path("/reset_password/{userId}")
    public EmptyResponse resetPassword(@PathParam("userId") String userId, ResetPasswordRequest request) {
        ResetPasswordRequest body = request == null ? new ResetPasswordRequest(null, null) : request;
        administration.resetPassword(context.requester(), userId, body.newPassword(), body.logoutDevices());
        return EmptyResponse.INSTANCE;
    }

    @POST
    @Path("/deactivate/{userId}")
    public DeactivateResponse deactivate(@PathParam("userId") String userId, DeactivateRequest request) {
        administration.deactivate(context.requester(), userId, request != null && Boolean.TRUE.equals(request.erase()));
        return new DeactivateResponse("success");
    }

    @GET
    @Path("/whois/{userId}")
    public Whois.WhoisResponse whois(@PathParam("userId") String userId) {
        AdminAccess.requireAdmin(context.requester());
        return whois.whois(context.requester(), userId);
    }

    @PUT
    @Path("/suspend/{userId}")
    public Map<String, Boolean> suspend(@PathParam("userId") String userId, SuspendRequest request) {
        Boolean suspend = request == null ? null : request.suspend();
        administration.suspend(context.requester(), userId, suspend);
        return Map.of("user_" + userId + "_suspended", suspend);
    }

    @GET
    @Path("/users/{userId}/joined_rooms")
    public JoinedRooms joinedRooms(@PathParam("userId") String userId) {
        administration.details(context.requester(), userId);
        return new JoinedRooms(List.of(), 0);
    }

    /** Gatehouse's name and version, as Synapse answers with its own. */
    @GET
    @Path("/server_version")
    public ServerVersion serverVersion() {
        AdminAccess.requireAdmin(context.requester());
        String version = SynapseAccountActionsResource.class.getPackage().getImplementationVersion();
        return new ServerVersion("Gatehouse " + (version == null ? "(development build)" : version));
    }
}
