package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.admin.AccountModeration.Restriction;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.RequestContext;

/**
 * The spec's server administration module ({@code admin.yaml}; "Server Administration", "Account
 * locking", "Account suspension"):
 * <ul>
 *   <li>{@code GET /_matrix/client/v3/admin/whois/{userId}} ({@link Whois});</li>
 *   <li>{@code GET|PUT /_matrix/client/v1/admin/lock/{userId}} and
 *       {@code GET|PUT /_matrix/client/v1/admin/suspend/{userId}} ({@link AccountModeration}).</li>
 * </ul>
 * A {@code PUT} body without its boolean is 400 {@code M_MISSING_PARAM}, one of another type 400
 * {@code M_BAD_JSON}.
 */
@ApplicationScoped
@Path("/_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AdminModuleResource {

    /** The body and answer of {@code /admin/lock}. */
    public record LockState(Boolean locked) {
    }

    /** The body and answer of {@code /admin/suspend}. */
    public record SuspensionState(Boolean suspended) {
    }

    @Inject
    Whois whois;

    @Inject
    AccountModeration moderation;

    @Inject
    RequestContext context;

    @GET
    @Path("/v3/admin/whois/{userId}")
    public Whois.WhoisResponse whois(@PathParam("userId") String userId) {
        return whois.whois(context.requester(), userId);
    }

    @GET
    @Path("/v1/admin/lock/{userId}")
    public LockState locked(@PathParam("userId") String userId) {
        return new LockState(moderation.state(context.requester(), userId, Restriction.LOCK));
    }

    @PUT
    @Path("/v1/admin/lock/{userId}")
    public LockState lock(@PathParam("userId") String userId, LockState request) {
        return new LockState(moderation.change(context.requester(), userId, Restriction.LOCK,
                request == null ? null : request.locked()));
    }

    @GET
    @Path("/v1/admin/suspend/{userId}")
    public SuspensionState suspended(@PathParam("userId") String userId) {
        return new SuspensionState(moderation.state(context.requester(), userId, Restriction.SUSPENSION));
    }

    @PUT
    @Path("/v1/admin/suspend/{userId}")
    public SuspensionState suspend(@PathParam("userId") String userId, SuspensionState request) {
        return new SuspensionState(moderation.change(context.requester(), userId, Restriction.SUSPENSION,
                request == null ? null : request.suspended()));
    }
}
