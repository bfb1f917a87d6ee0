package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.gatehouse.credential.PasswordHashing;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;
import org.gatehouse.infra.Audit;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * {@code m.login.password} (spec: "Password-based"). An unknown user, a wrong password and an
 * account without a password all answer the same 403 {@code M_FORBIDDEN}, after the same work:
 * when there is no stored hash to check, a dummy hash of the current cost is checked instead.
 * A hash of an older scheme (e.g. bcrypt imported from Synapse) is replaced by the current
 * scheme after a successful check.
 */
@ApplicationScoped
public class PasswordLoginMethod implements LoginMethod {

    private static final Logger LOG = Logger.getLogger(PasswordLoginMethod.class.getName());

    @Inject
    UserRepository users;

    @Inject
    PasswordHashing hasher;

    @Inject
    PasswordUpgrades upgrades;

    @Inject
    RateLimiter limits;

    @Inject
    Audit audit;

    @Inject
    ServerConfig server;

    @Override
    public String type() {
        return "m.login.password";
    }

    @Override
    public User authenticate(LoginRequest request) {
        Optional<String> localpart = UserIdentifiers.localpart(request.identifier(), request.user(), server.serverName());
        if (request.password() == null) {
            throw MatrixException.missingParam("Missing parameter: password");
        }
        Optional<User> user = localpart.flatMap(users::findByLocalpart);
        String account = localpart.map(limits::userKey).orElse("");
        limits.check(LimitName.LOGIN_FAILED_ATTEMPTS, account);
        String storedHash = user.map(User::passwordHash).orElse(null);
        if (storedHash == null) {
            hasher.verifyDummy(request.password());
            LOG.fine(() -> user.isEmpty() ? "login failed: unknown user" : "login failed: account has no password");
            throw failed(account, user.isEmpty() ? "unknown_user" : "no_password");
        }
        if (!hasher.verify(request.password(), storedHash)) {
            LOG.fine("login failed: wrong password");
            throw failed(account, "wrong_password");
        }
        User found = user.get();
        if (found.deactivated()) {
            audit.loginFailed(account, type(), "deactivated");
            throw new MatrixException(403, ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        if (hasher.needsRehash(storedHash)) {
            upgrades.rehash(found.id(), request.password());
        }
        return found;
    }

    /** Counts a failed password check against {@code account} and audits it; returns the answer to throw. */
    private MatrixException failed(String account, String reason) {
        limits.recordFailure(LimitName.LOGIN_FAILED_ATTEMPTS, account);
        audit.loginFailed(account, type(), reason);
        return invalidCredentials();
    }

    static MatrixException invalidCredentials() {
        return MatrixException.forbidden("Invalid username or password");
    }
}
