package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.NoStore;
import org.gatehouse.http.OptionallyAuthenticated;

/**
 * {@code GET /_matrix/client/v3/login} and {@code POST /_matrix/client/v3/login} (spec: "Login";
 * {@code login.yaml}).
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/login")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    /** The response of {@code GET /login}. */
    public record LoginFlows(List<JsonObject> flows) {
    }

    @Inject
    LoginService logins;

    /** The login types the server supports. */
    @GET
    public LoginFlows flows() {
        return new LoginFlows(logins.flows());
    }

    /**
     * Authenticates and issues an access token for a new or the requested device. An access
     * token, when presented, is read: {@code m.login.application_service} needs an application
     * service's {@code as_token}.
     */
    @POST
    @OptionallyAuthenticated
    @NoStore
    public LoginResponse login(LoginRequest request) {
        return logins.login(request);
    }
}
