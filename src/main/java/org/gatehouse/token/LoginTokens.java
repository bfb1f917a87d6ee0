package org.gatehouse.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.token.macaroon.Macaroon;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;
import org.gatehouse.user.UserRepository;

/**
 * Single-use {@code m.login.token} login tokens (spec: "Login", {@code POST /login/get_token}).
 * A login token is a macaroon whose caveats encode the user ID ({@code type = login},
 * {@code user_id}, {@code nonce}, {@code time <}), as the spec requires; its hash is stored, and
 * logging in with it deletes it, so it works once. A user's unused login tokens are deleted when
 * the password changes, on {@code /logout/all} and on deactivation ({@link #revokeAll}).
 */
@ApplicationScoped
public class LoginTokens {

    @Inject
    MacaroonKeys keys;

    @Inject
    ServerConfig server;

    @Inject
    UserRepository users;

    @Inject
    Clock clock;

    @Inject
    SecureRandom random;

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /** A new login token for {@code user}, valid once within {@code lifetime}. */
    @Transactional
    public String issue(User user, Duration lifetime) {
        long now = clock.millis();
        em.createNamedQuery(LoginToken.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
        long expiresAt = now + lifetime.toMillis();
        String token = Macaroons.mint(keys, server.serverName(), List.of(MacaroonCaveats.GENERATION, "type = login",
                "user_id = " + new UserId(user.localpart(), server.serverName()), "nonce = " + OpaqueTokens.randomPart(random),
                "time < " + expiresAt));
        em.persist(new LoginToken(TokenHashes.sha256(token), user.id(), expiresAt));
        return token;
    }

    /** Deletes every unused login token of user {@code userRef}, so none of them logs in any more. */
    @Transactional
    public void revokeAll(long userRef) {
        em.createNamedQuery(LoginToken.DELETE_BY_USER).setParameter("userRef", userRef).executeUpdate();
    }

    /**
     * The user {@code token} logs in, using the token up; empty when it is forged, expired,
     * already used, or names a user that no longer exists.
     */
    @Transactional
    public Optional<User> consume(String token) {
        if (token == null || token.length() > TokenService.MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Optional<User> user = Macaroons.verified(token, "login", keys, clock.instant())
                .flatMap(macaroon -> Macaroon.caveatValue(macaroon.caveats(), "user_id"))
                .flatMap(UserId::parse)
                .filter(id -> id.serverName().equals(server.serverName()))
                .flatMap(id -> users.findByLocalpart(id.localpart()));
        return user.filter(found -> em.createNamedQuery(LoginToken.CONSUME)
                .setParameter("hash", TokenHashes.sha256(token))
                .setParameter("userRef", found.id())
                .setParameter("now", clock.millis())
                .executeUpdate() == 1);
    }
}
