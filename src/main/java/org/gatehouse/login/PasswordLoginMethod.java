package org.gatehouse.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.credential.Claimant;
import org.gatehouse.credential.PasswordBackends;
import org.gatehouse.credential.PasswordVerdict;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.ratelimit.FailedPasswordLimit;
import org.gatehouse.ratelimit.RateLimiter;
import org.gatehouse.user.User;

/**
 * {@code m.login.password} (spec: "Password-based"; identifiers {@code m.id.user} and
 * {@code m.id.thirdparty} with medium {@code email}, "Identifier types"). The password is checked
 * by the {@link PasswordBackends} chain, which decides whose it is. An unknown user, a wrong
 * password and an account without a password all answer the same 403 {@code M_FORBIDDEN} and
 * count as failed attempts, against the name given and against the account the backend found for
 * it, whatever form of the name was used ({@link FailedPasswordLimit}); a backend that cannot answer (a directory that is down) gives 503
 * {@code M_UNKNOWN} with {@code Retry-After}. Audit lines name the backend that answered.
 *
 * <p>A name that can be nobody's here (another server, a phone number, longer than a user ID may
 * be) is checked against nobody, with the same work and answer, and takes from no failed-attempts
 * bucket: a client cannot create buckets (or log lines) of its choosing.
 */
@ApplicationScoped
public class PasswordLoginMethod implements LoginMethod {

    private static final Logger LOG = Logger.getLogger(PasswordLoginMethod.class.getName());

    @Inject
    PasswordBackends backends;

    @Inject
    RateLimiter limits;

    @Inject
    FailedPasswordLimit failedPasswords;

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
        Optional<Claimant> claimant = UserIdentifiers.claimant(request.identifier(), request.user(), server.serverName());
        if (request.password() == null) {
            throw MatrixException.missingParam("Missing parameter: password");
        }
        Optional<String> bucket = claimant.map(this::limitKey);
        String account = bucket.orElse("");
        bucket.ifPresent(failedPasswords::checkName);
        PasswordVerdict verdict = claimant.map(who -> backends.verify(who, request.password()))
                .orElseGet(() -> backends.verifyNobody(request.password()));
        bucket.ifPresent(key -> failedPasswords.checkAccount(key, verdict));
        switch (verdict.outcome()) {
            case VERIFIED -> {
                return verifiedAccount(verdict, account);
            }
            case UNAVAILABLE -> {
                audit.loginFailed(account, type(), verdict.reason(), verdict.backend());
                throw PasswordBackends.unavailable(verdict);
            }
            default -> {
                LOG.fine(() -> "login failed: " + verdict.reason() + " (" + verdict.backend() + ")");
                bucket.ifPresent(key -> failedPasswords.recordFailure(key, verdict));
                audit.loginFailed(account, type(), verdict.reason(), verdict.backend());
                throw invalidCredentials();
            }
        }
    }

    private User verifiedAccount(PasswordVerdict verdict, String account) {
        User found = verdict.user();
        if (found.deactivated()) {
            audit.loginFailed(limits.userKey(found), type(), "deactivated", verdict.backend());
            throw new MatrixException(403, ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        audit.passwordVerified(limits.userKey(found), verdict.backend());
        return found;
    }

    /**
     * The failed-password bucket of the name given: the user ID of a user name that is a
     * localpart, the lowercased name of any other (a directory name), the address of an e-mail.
     */
    private String limitKey(Claimant claimant) {
        String name = claimant.name().toLowerCase(Locale.ROOT);
        return claimant.kind() == Claimant.Kind.EMAIL ? "email:" + name : limits.userKey(name);
    }

    static MatrixException invalidCredentials() {
        return MatrixException.forbidden("Invalid username or password");
    }
}
