package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.gatehouse.account.PasswordHasher;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;

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
    PasswordHasher hasher;

    @Inject
    PasswordUpgrades upgrades;

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
        String storedHash = user.map(User::passwordHash).orElse(null);
        if (storedHash == null) {
            hasher.verifyDummy(request.password());
            LOG.fine(() -> user.isEmpty() ? "login failed: unknown user" : "login failed: account has no password");
            throw invalidCredentials();
        }
        if (!hasher.verify(request.password(), storedHash)) {
            LOG.fine("login failed: wrong password");
            throw invalidCredentials();
        }
        User found = user.get();
        if (found.deactivated()) {
            throw new MatrixException(403, ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        if (hasher.needsRehash(storedHash)) {
            upgrades.rehash(found.id(), request.password());
        }
        return found;
    }

    static MatrixException invalidCredentials() {
        return MatrixException.forbidden("Invalid username or password");
    }
}
