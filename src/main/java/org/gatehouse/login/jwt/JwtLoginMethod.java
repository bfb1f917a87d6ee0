package org.gatehouse.login.jwt;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.appservice.ExclusiveNamespaces;
import org.gatehouse.config.JwtConfig;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.infra.UniqueViolations;
import org.gatehouse.login.LoginMethod;
import org.gatehouse.login.LoginRequest;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;

/**
 * {@code org.matrix.login.jwt}, the JWT login type Synapse offers for portals that already hold a
 * signed token for the user (not in the Matrix spec; it follows the spec's "Login" endpoint like
 * {@code m.login.token}): {@code {"type": "org.matrix.login.jwt", "token": "<JWT>"}}. Offered and
 * accepted only while {@code gatehouse.jwt.enabled}.
 * <ul>
 *   <li>no {@code token} → 400 {@code M_MISSING_PARAM};</li>
 *   <li>a token {@link JwtValidator} refuses (malformed, unsigned, wrong key or algorithm, expired,
 *       not yet valid, wrong issuer or audience, no subject), a subject that cannot be a localpart,
 *       or an unknown subject while {@code create-users} is off → 403 {@code M_FORBIDDEN}, the same
 *       answer for all;</li>
 *   <li>a deactivated account → 403 {@code M_USER_DEACTIVATED} (a locked one is refused by
 *       {@link org.gatehouse.login.LoginService} as for every login type);</li>
 *   <li>a JWKS that cannot be fetched → 503 {@code M_UNKNOWN} with {@code retry_after_ms}.</li>
 * </ul>
 * An unknown subject gets a passwordless account when {@code create-users} is on (the default, as in
 * Synapse), unless an application service holds its user ID in an exclusive namespace (spec:
 * Application Service API, "Registration": exclusive namespaces are reserved for the service):
 * 403 {@code M_FORBIDDEN} saying so. An existing account in such a namespace still logs in. Every refusal is audited with the type and a fixed reason.
 */
@ApplicationScoped
public class JwtLoginMethod implements LoginMethod {

    /** The login type. */
    public static final String TYPE = "org.matrix.login.jwt";

    private static final Logger LOG = Logger.getLogger(JwtLoginMethod.class.getName());
    private static final long KEYS_RETRY_AFTER_MS = 5000;

    @Inject
    JwtConfig config;

    @Inject
    JwtAccounts accounts;

    @Inject
    ServerConfig server;

    @Inject
    Audit audit;

    @Inject
    ExclusiveNamespaces namespaces;

    @Inject
    Clock clock;

    private JwtValidator validator;

    @PostConstruct
    void start() {
        if (config.settings().enabled() && config.settings().problems().isEmpty()) {
            validator = new JwtValidator(config.settings(), clock);
        }
    }

    @PreDestroy
    void stop() {
        if (validator != null) {
            try {
                validator.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the JWT key source", e);
            }
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean enabled() {
        return validator != null;
    }

    @Override
    public User authenticate(LoginRequest request) {
        if (request.token() == null) {
            throw MatrixException.missingParam("Missing parameter: token");
        }
        String subject;
        try {
            subject = validator.subject(request.token());
        } catch (JwtRejected e) {
            LOG.fine(() -> "JWT login refused (" + e.reason() + "): " + e.getMessage());
            throw refused(null, e.reason());
        } catch (JwtKeysUnavailable e) {
            LOG.warning(e.getMessage());
            audit.loginFailed(null, TYPE, "keys_unavailable");
            throw new MatrixException(503, ErrCode.M_UNKNOWN, "The JWT keys cannot be fetched; try again later",
                    Map.of("retry_after_ms", KEYS_RETRY_AFTER_MS));
        }
        Optional<String> localpart = JwtLocalparts.of(subject);
        if (localpart.isEmpty()) {
            throw refused(null, "invalid_subject");
        }
        User user = account(localpart.get());
        if (user.deactivated()) {
            audit.loginFailed(userId(user.localpart()), TYPE, "deactivated");
            throw new MatrixException(403, ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        return user;
    }

    /** The account of {@code localpart}, made when allowed; of two logins making it at once, both get the one made. */
    private User account(String localpart) {
        Optional<User> existing = accounts.find(localpart);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!config.settings().createUsers()) {
            throw refused(userId(localpart), "unknown_user");
        }
        if (!JwtLocalparts.creatable(localpart, server.serverName())) {
            throw refused(null, "invalid_subject");
        }
        try {
            namespaces.checkAvailable(new UserId(localpart, server.serverName()), null);
        } catch (MatrixException reserved) {
            audit.loginFailed(userId(localpart), TYPE, "exclusive_namespace");
            throw MatrixException.forbidden("This user ID is reserved by an application service");
        }
        try {
            User created = accounts.create(localpart);
            LOG.info(() -> "JWT login made the account " + userId(localpart));
            return created;
        } catch (PersistenceException e) {
            if (!UniqueViolations.causedBy(e)) {
                throw e;
            }
            return accounts.find(localpart).orElseThrow(() -> e);
        }
    }

    private MatrixException refused(String attemptedUser, String reason) {
        audit.loginFailed(attemptedUser, TYPE, reason);
        return MatrixException.forbidden("Invalid JWT");
    }

    private String userId(String localpart) {
        return new UserId(localpart, server.serverName()).toString();
    }
}
