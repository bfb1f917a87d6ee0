package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.NoStore;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;
import org.gatehouse.token.DeviceSession;

/**
 * {@code GET/POST /_synapse/admin/v1/register}: shared-secret registration for administrators
 * and test harnesses, compatible with Synapse's ({@link SharedSecretRegistration}).
 */
@ApplicationScoped
@Path("/_synapse/admin/v1/register")
@Produces(MediaType.APPLICATION_JSON)
public class SharedSecretRegistrationResource {

    /** {@code GET}: a fresh nonce. */
    public record Nonce(String nonce) {
    }

    /** {@code POST}: the new account, logged in. */
    public record Registered(String accessToken, String userId, String homeServer, String deviceId) {
    }

    @Inject
    SharedSecretRegistration registration;

    @Inject
    ServerConfig server;

    @Inject
    RateLimiter limits;

    /**
     * A fresh nonce: a row made for a client nobody has authenticated, so it takes a token from the
     * client address's {@link LimitName#UNAUTHENTICATED_SESSIONS} bucket.
     */
    @GET
    public Nonce nonce() {
        limits.consume(LimitName.UNAUTHENTICATED_SESSIONS);
        return new Nonce(registration.newNonce());
    }

    @POST
    @NoStore
    public Registered register(SharedSecretRegisterRequest request) {
        DeviceSession session = registration.register(request);
        return new Registered(session.tokens().accessToken(), session.userId(), server.serverName(), session.deviceId());
    }
}
