package org.gatehouse.uia;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Optional;
import org.gatehouse.credential.Claimant;
import org.gatehouse.credential.PasswordBackends;
import org.gatehouse.credential.PasswordVerdict;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.User;
import org.gatehouse.user.UserId;
import org.gatehouse.user.UserRepository;
import org.gatehouse.infra.Audit;
import org.gatehouse.ratelimit.FailedPasswordLimit;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * {@code m.login.password} as a UIA stage (spec: "Password-based"): {@code identifier}
 * ({@code m.id.user}) or the deprecated {@code user}, and {@code password}. The credentials must
 * be those of the user the session acts for: naming another user is 403 {@code M_FORBIDDEN}; a
 * wrong password is a failed attempt (401 with {@code M_FORBIDDEN} and the flows). The password
 * is checked by the {@link PasswordBackends} chain, as at login; a backend that cannot answer
 * gives 503 {@code M_UNKNOWN} with {@code Retry-After}. For an operation made without an access
 * token ({@link #attemptProvingUser}), the identifier names the account and the password proves it;
 * an unknown or deactivated account is the same failed attempt as a wrong password, after the same
 * hashing work.
 */
@ApplicationScoped
public class PasswordStage implements UiaStage {

    @Inject
    UserRepository users;

    @Inject
    PasswordBackends backends;

    @Inject
    ServerConfig server;

    @Inject
    RateLimiter limits;

    @Inject
    FailedPasswordLimit failedPasswords;

    @Inject
    Audit audit;

    @Override
    public String type() {
        return "m.login.password";
    }

    @Override
    public void attempt(JsonObject auth, UiaSessionView session) {
        if (session.userRef() == null) {
            throw new MatrixException(400, ErrCode.M_UNRECOGNIZED, "m.login.password needs an authenticated user");
        }
        User user = users.findById(session.userRef()).orElseThrow(() -> MatrixException.forbidden("Unknown user"));
        Optional<String> named = namedLocalpart(auth);
        if (named.isPresent() && !named.get().equals(user.localpart())) {
            throw MatrixException.forbidden("The credentials given are not those of the logged-in user");
        }
        String password = string(auth, "password").orElseThrow(() -> MatrixException.missingParam("Missing parameter: auth.password"));
        String account = limits.userKey(user);
        failedPasswords.checkName(account);
        PasswordVerdict verdict = backends.verifyAccount(user, password);
        failedPasswords.checkAccount(account, verdict);
        switch (verdict.outcome()) {
            case VERIFIED -> audit.passwordVerified(account, verdict.backend());
            case UNAVAILABLE -> {
                audit.reauthenticationFailed(account, null, verdict.reason(), verdict.backend());
                throw PasswordBackends.unavailable(verdict);
            }
            default -> throw failed(account, verdict);
        }
    }

    @Override
    public long attemptProvingUser(JsonObject auth, UiaSessionView session) {
        String localpart = namedLocalpart(auth)
                .orElseThrow(() -> MatrixException.missingParam("Missing parameter: auth.identifier"));
        String password = string(auth, "password").orElseThrow(() -> MatrixException.missingParam("Missing parameter: auth.password"));
        String account = localpart.isEmpty() ? "" : limits.userKey(localpart);
        failedPasswords.checkName(account);
        PasswordVerdict verdict = localpart.isEmpty() ? backends.verifyNobody(password)
                : backends.verify(Claimant.user(localpart), password);
        failedPasswords.checkAccount(account, verdict);
        switch (verdict.outcome()) {
            case VERIFIED -> {
                if (verdict.user().deactivated()) {
                    throw failed(account, PasswordVerdict.wrong(verdict.backend(), "deactivated", verdict.user().localpart()));
                }
                audit.passwordVerified(account, verdict.backend());
                return verdict.user().id();
            }
            case UNAVAILABLE -> {
                audit.reauthenticationFailed(account, null, verdict.reason(), verdict.backend());
                throw PasswordBackends.unavailable(verdict);
            }
            default -> throw failed(account, verdict);
        }
    }

    /** Counts a failed password check against {@code account} and audits it; returns the answer to throw. */
    private MatrixException failed(String account, PasswordVerdict verdict) {
        failedPasswords.recordFailure(account, verdict);
        audit.reauthenticationFailed(account, null, verdict.reason(), verdict.backend());
        return new MatrixException(401, ErrCode.M_FORBIDDEN, "Invalid password");
    }

    private Optional<String> namedLocalpart(JsonObject auth) {
        JsonValue identifier = auth.get("identifier");
        Optional<String> named;
        if (identifier != null && identifier.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject id = identifier.asJsonObject();
            if (!"m.id.user".equals(string(id, "type").orElse(null))) {
                throw MatrixException.forbidden("Only m.id.user identifiers are supported");
            }
            named = string(id, "user");
        } else {
            named = string(auth, "user");
        }
        return named.map(name -> name.startsWith("@")
                ? UserId.parse(name).filter(id -> id.serverName().equalsIgnoreCase(server.serverName()))
                        .map(UserId::localpart).orElse("")
                : name).map(name -> name.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        throw MatrixException.badJson("auth." + key + " must be a string");
    }
}
