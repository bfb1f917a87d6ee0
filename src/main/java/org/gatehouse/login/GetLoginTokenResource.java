package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.config.LoginTokenConfig;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.NoStore;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;
import org.gatehouse.token.LoginTokens;
import org.gatehouse.uia.ReauthFlows;
import org.gatehouse.uia.UiaOperation;
import org.gatehouse.uia.UiaOutcome;
import org.gatehouse.uia.UiaService;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;

/**
 * {@code POST /_matrix/client/v1/login/get_token} ({@code login_token.yaml}): a single-use,
 * time-limited {@code m.login.token} for the caller. User-Interactive Authentication with a flow
 * of {@link ReauthFlows} ({@code m.login.password}, or {@code m.login.sso} for an account linked
 * to an identity provider) is required every time — a completed session is never reused, as the
 * spec demands. 404 {@code M_UNRECOGNIZED} while {@code gatehouse.login-token.enabled} is off.
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V1 + "/login/get_token")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class GetLoginTokenResource {

    /** The 200 body. */
    public record LoginTokenResponse(String loginToken, long expiresInMs) {
    }

    @Inject
    LoginTokenConfig config;

    @Inject
    UiaService uia;

    @Inject
    LoginTokens loginTokens;

    @Inject
    UserRepository users;

    @Inject
    RequestContext context;

    @Inject
    RateLimiter limits;

    @Inject
    ReauthFlows reauthFlows;

    @POST
    @NoStore
    public LoginTokenResponse getToken(LoginTokenRequest request) {
        if (!config.enabled()) {
            throw new MatrixException(404, ErrCode.M_UNRECOGNIZED, "Login tokens are not enabled on this server");
        }
        Requester requester = context.requester();
        limits.check(LimitName.LOGIN_TOKEN, requester.userId());
        UiaOutcome outcome = uia.authenticate(UiaOperation.forUser("POST", "/login/get_token", context.body(), null,
                requester.userRef(), reauthFlows.forUser(requester.userRef())));
        limits.consume(LimitName.LOGIN_TOKEN, requester.userId());
        uia.finish(outcome.sessionId(), "issued");
        User user = users.findById(requester.userRef()).orElseThrow(() -> MatrixException.forbidden("Unknown user"));
        String token = loginTokens.issue(user, config.lifetime());
        return new LoginTokenResponse(token, config.lifetime().toMillis());
    }
}
