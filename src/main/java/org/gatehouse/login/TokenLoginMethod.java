package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.gatehouse.config.LoginTokenConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.LoginTokens;
import org.gatehouse.user.User;

/**
 * {@code m.login.token} (spec: "Login"): logs in with a single-use login token from
 * {@code POST /login/get_token}. A forged, expired or used token is 403 {@code M_FORBIDDEN}.
 * Offered only while {@code gatehouse.login-token.enabled}.
 */
@ApplicationScoped
public class TokenLoginMethod implements LoginMethod {

    @Inject
    LoginTokens loginTokens;

    @Inject
    LoginTokenConfig config;

    @Override
    public String type() {
        return "m.login.token";
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public JsonObject flow() {
        return Json.createObjectBuilder().add("type", type()).add("get_login_token", true).build();
    }

    @Override
    public User authenticate(LoginRequest request) {
        if (request.token() == null) {
            throw MatrixException.missingParam("Missing parameter: token");
        }
        User user = loginTokens.consume(request.token())
                .orElseThrow(() -> MatrixException.forbidden("Invalid login token"));
        if (user.deactivated()) {
            throw new MatrixException(403, ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        return user;
    }
}
