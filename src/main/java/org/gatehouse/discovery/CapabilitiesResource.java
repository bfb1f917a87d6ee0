package org.gatehouse.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.config.LoginTokenConfig;
import org.gatehouse.credential.PasswordBackends;
import org.gatehouse.http.AllowGuest;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.Requester;

/**
 * {@code GET /_matrix/client/v3/capabilities} (spec: "Capabilities negotiation";
 * {@code capabilities.yaml}): the account capabilities Gatehouse decides, stated honestly —
 * password change is served to users whose password Gatehouse keeps (not guests, who have no
 * password, nor users whose password a directory owns: the {@code ldap} backend), third-party
 * identifiers are not stored, and login tokens follow {@code gatehouse.login-token.enabled}
 * (never for guests), and a server admin may lock and suspend accounts
 * ({@code m.account_moderation}, left out for everyone else as the spec asks).
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/capabilities")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@AllowGuest
public class CapabilitiesResource {

    /** A boolean capability. */
    public record Enabled(boolean enabled) {
    }

    /** {@code m.account_moderation}: what the requester may do through the admin module. */
    public record AccountModeration(boolean suspend, boolean lock) {
    }

    /** The capabilities object; {@code m.account_moderation} only for server admins (absent otherwise). */
    public record Capabilities(@JsonbProperty("m.change_password") Enabled changePassword,
                               @JsonbProperty("m.get_login_token") Enabled getLoginToken,
                               @JsonbProperty("m.3pid_changes") Enabled thirdPartyIdChanges,
                               @JsonbProperty("m.account_moderation") AccountModeration accountModeration) {
    }

    /** The 200 body. */
    public record CapabilitiesResponse(Capabilities capabilities) {
    }

    @Inject
    LoginTokenConfig loginTokens;

    @Inject
    RequestContext context;

    @Inject
    PasswordBackends passwordBackends;

    @GET
    public CapabilitiesResponse capabilities() {
        Requester requester = context.requester();
        boolean guest = requester.guest();
        boolean loginToken = loginTokens.enabled() && !guest;
        boolean changePassword = !guest && passwordBackends.ownsLocally(requester.userRef());
        AccountModeration moderation = requester.admin() ? new AccountModeration(true, true) : null;
        return new CapabilitiesResponse(new Capabilities(new Enabled(changePassword), new Enabled(loginToken), new Enabled(false),
                moderation));
    }
}
