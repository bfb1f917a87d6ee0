package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.config.RegistrationConfig;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * {@code GET /_matrix/client/v1/register/m.login.registration_token/validity} (spec:
 * "Token-authenticated registration", {@code registration_tokens.yaml}): whether a token could
 * authenticate a registration now. 403 {@code M_FORBIDDEN} while registration is disabled; 400
 * {@code M_MISSING_PARAM} without {@code token}.
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V1 + "/register/m.login.registration_token/validity")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationTokenValidityResource {

    /** The response: {@code {"valid": …}}. */
    public record Validity(boolean valid) {
    }

    @Inject
    RegistrationTokens tokens;

    @Inject
    RegistrationConfig config;

    @Inject
    RateLimiter limits;

    @GET
    public Validity validity(@QueryParam("token") String token) {
        limits.consume(LimitName.REGISTRATION_TOKEN_VALIDITY);
        if (!config.enabled()) {
            throw MatrixException.forbidden("Registration is not enabled on this homeserver.");
        }
        if (token == null) {
            throw MatrixException.missingParam("Missing parameter: token");
        }
        return new Validity(tokens.isUsable(token));
    }
}
