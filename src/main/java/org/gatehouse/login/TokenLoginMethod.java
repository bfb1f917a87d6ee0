package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.gatehouse.config.LoginTokenConfig;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.SsoConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.token.LoginTokens;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;

/**
 * {@code m.login.token} (spec: "Login"): logs in with a single-use login token from
 * {@code POST /login/get_token}. A forged, expired or used token is 403 {@code M_FORBIDDEN}.
 * Offered while {@code gatehouse.login-token.enabled} or while single sign-on is configured (its
 * callback ends with a login token). Every refusal is audited
 * ({@code invalid_token}, or {@code deactivated} with the account's user ID).
 */
@ApplicationScoped
public class TokenLoginMethod implements LoginMethod {

    @Inject
    LoginTokens loginTokens;

    @Inject
    LoginTokenConfig config;

    @Inject
    SsoConfig sso;

    @Inject
    ServerConfig server;

    @Inject
    Audit audit;

    @Override
    public String type() {
        return "m.login.token";
    }

    @Override
    public boolean enabled() {
        return config.enabled() || sso.enabled();
    }

    @Override
    public JsonObject flow() {
        return JSONP.createObjectBuilder().add("type", type()).add("get_login_token", true).build();
    }

    @Override
    public User authenticate(LoginRequest request) {
        if (request.token() == null) {
            throw MatrixException.missingParam("Missing parameter: token");
        }
        Optional<User> consumed = loginTokens.consume(request.token());
        if (consumed.isEmpty()) {
            audit.loginFailed(null, type(), "invalid_token");
            throw MatrixException.forbidden("Invalid login token");
        }
        User user = consumed.get();
        if (user.deactivated()) {
            audit.loginFailed(new UserId(user.localpart(), server.serverName()).toString(), type(), "deactivated");
            throw new MatrixException(403, ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        return user;
    }
}
