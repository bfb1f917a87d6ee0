package org.gatehouse.sso;

import static org.gatehouse.http.JsonMapping.JSONP;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.gatehouse.config.SsoConfig;
import org.gatehouse.config.SsoProviderSettings;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.login.LoginMethod;
import org.gatehouse.login.LoginRequest;
import org.gatehouse.user.User;

/**
 * {@code m.login.sso} in {@code GET /login} (spec: "SSO client login", {@code sso_login_flow}):
 * advertised with {@code identity_providers} ({@code id}, {@code name}, and {@code icon} and
 * {@code brand} when configured) while any provider is configured. It is completed in a browser
 * through {@code /login/sso/redirect}; {@code POST /login} with this type is 400 {@code M_UNKNOWN}.
 */
@ApplicationScoped
public class SsoLoginMethod implements LoginMethod {

    @Inject
    SsoConfig config;

    @Override
    public String type() {
        return "m.login.sso";
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public JsonObject flow() {
        JsonArrayBuilder idps = JSONP.createArrayBuilder();
        for (SsoProviderSettings provider : config.providers()) {
            JsonObjectBuilder idp = JSONP.createObjectBuilder().add("id", provider.id()).add("name", provider.name());
            provider.icon().ifPresent(icon -> idp.add("icon", icon));
            provider.brand().ifPresent(brand -> idp.add("brand", brand));
            idps.add(idp);
        }
        return JSONP.createObjectBuilder().add("type", type()).add("identity_providers", idps).build();
    }

    @Override
    public User authenticate(LoginRequest request) {
        throw new MatrixException(400, ErrCode.M_UNKNOWN,
                "m.login.sso is completed in a browser through /login/sso/redirect, then m.login.token");
    }
}
