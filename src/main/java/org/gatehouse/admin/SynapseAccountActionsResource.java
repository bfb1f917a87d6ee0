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
import org.gatehouse.token.DeviceSession;

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
 *   <li>{@code GET|PUT /_synapse/admin/v1/users/{userId}/admin}: the admin flag;</li>
 *   <li>{@code POST /_synapse/admin/v1/users/{userId}/login}: an access token of a new device of
 *       the user, expiring at {@code valid_until_ms} when given
 *       ({@link UserDevicesAdministration#loginAs});</li>
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

    /** {@code GET|PUT users/{userId}/admin}. */
    public record AdminFlag(Boolean admin) {
    }

    /** {@code POST users/{userId}/login}. */
    public record LoginAsRequest(Long validUntilMs) {
    }

    /** The answer of {@code POST users/{userId}/login}. */
    public record LoginAsResponse(String accessToken) {
    }

    /** The answer of {@code GET server_version}. */
    public record ServerVersion(String serverVersion) {
    }

    @Inject
    UserAdministration administration;

    @Inject
    UserDevicesAdministration devices;

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
        administration.requireUser(context.requester(), userId);
        return new JoinedRooms(List.of(), 0);
    }

    @GET
    @Path("/users/{userId}/admin")
    public AdminFlag admin(@PathParam("userId") String userId) {
        return new AdminFlag(administration.isAdmin(context.requester(), userId));
    }

    @PUT
    @Path("/users/{userId}/admin")
    public EmptyResponse setAdmin(@PathParam("userId") String userId, AdminFlag request) {
        administration.setAdmin(context.requester(), userId, request == null ? null : request.admin());
        return EmptyResponse.INSTANCE;
    }

    @POST
    @Path("/users/{userId}/login")
    public LoginAsResponse loginAs(@PathParam("userId") String userId, LoginAsRequest request) {
        DeviceSession session = devices.loginAs(context.requester(), userId, request == null ? null : request.validUntilMs());
        return new LoginAsResponse(session.tokens().accessToken());
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
