package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.http.ApiPaths;
import org.gatehouse.http.NoStore;
import org.gatehouse.http.OptionallyAuthenticated;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * {@code POST /_matrix/client/v3/register} and {@code GET /_matrix/client/v3/register/available}
 * (spec: "Account registration"; {@code registration.yaml}).
 */
@ApplicationScoped
@Path(ApiPaths.CLIENT_V3 + "/register")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

    /** The response of {@code GET /register/available}. */
    public record Availability(boolean available) {
    }

    @Inject
    RegistrationService registration;

    @Inject
    RequestContext context;

    @Inject
    RateLimiter limits;

    @Inject
    AppServiceRegistration appServices;

    /**
     * Registers an account: {@code kind=guest} whatever the body says, else for an application
     * service ({@link AppServiceRegistration}), else {@code kind=user} through User-Interactive
     * Authentication. 400 {@code M_INVALID_PARAM} for any other kind.
     * A {@code kind=user} request without {@code auth.session} starts a UIA session (spec:
     * "User-Interactive Authentication API"), a row made for nobody in particular: it takes a token
     * from the client address's {@link LimitName#UNAUTHENTICATED_SESSIONS} bucket.
     */
    @POST
    @OptionallyAuthenticated
    @NoStore
    public RegisterResponse register(@QueryParam("kind") @DefaultValue("user") String kind, RegisterRequest request) {
        if (!"guest".equals(kind) && appServices.isRequested(request, context.body())) {
            return appServices.register(request);
        }
        limits.check(LimitName.REGISTRATION);
        if ("user".equals(kind) && !continuesASession(context.body())) {
            limits.consume(LimitName.UNAUTHENTICATED_SESSIONS);
        }
        return switch (kind) {
            case "user" -> registration.registerUser(request, context.body());
            case "guest" -> registration.registerGuest(request);
            default -> throw MatrixException.invalidParam("kind must be user or guest");
        };
    }

    /**
     * 200 {@code {"available": true}} or the reason the name cannot be registered; an application
     * service asking with its {@code as_token} may be told that a name of its own exclusive
     * namespace is available.
     */
    @GET
    @Path("/available")
    @OptionallyAuthenticated
    public Availability available(@QueryParam("username") String username) {
        limits.consume(LimitName.USERNAME_AVAILABILITY);
        registration.checkAvailability(username);
        return new Availability(true);
    }

    /** Whether {@code body} names the UIA session it continues ({@code auth.session}, a string). */
    private static boolean continuesASession(JsonObject body) {
        JsonValue auth = body.get("auth");
        return auth instanceof JsonObject object && object.get("session") instanceof JsonString;
    }
}
