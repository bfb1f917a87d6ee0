package org.gatehouse.credential;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.config.PasswordBackendConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.User;

/**
 * The chain of password backends of {@code gatehouse.password-backends}, the one way the rest of
 * Gatehouse verifies a password (login's {@code m.login.password} and the UIA password stage),
 * without knowing which backend answered.
 *
 * <p>The backends are asked in order, and the first one that knows the claimant decides: a
 * backend that answers {@link PasswordVerdict.Outcome#UNKNOWN_USER unknown user} passes the
 * question on; <em>verified</em>, <em>wrong</em> and <em>unavailable</em> end it. So a directory
 * that does not answer never lets a local account of the same name be tried instead, and a
 * directory user's wrong password is never tried against a local hash.
 */
@ApplicationScoped
public class PasswordBackends {

    /** The backend name of the answer when no backend knew the claimant. */
    public static final String NONE = "none";

    @Inject
    @Any
    Instance<PasswordBackend> backendBeans;

    @Inject
    PasswordBackendConfig config;

    @Inject
    PasswordHashing hasher;

    private List<PasswordBackend> chain;

    protected PasswordBackends() {
    }

    /** A chain of the given backends, in order (unit tests). */
    public PasswordBackends(List<PasswordBackend> chain, PasswordHashing hasher) {
        this.chain = List.copyOf(chain);
        this.hasher = hasher;
    }

    @PostConstruct
    void collect() {
        Map<String, PasswordBackend> byName = new HashMap<>();
        backendBeans.forEach(backend -> byName.put(backend.name(), backend));
        List<PasswordBackend> ordered = new ArrayList<>();
        for (String name : config.backends()) {
            PasswordBackend backend = byName.get(name);
            if (backend == null) {
                throw new IllegalStateException("gatehouse.password-backends names an unknown backend '" + name + "'");
            }
            ordered.add(backend);
        }
        chain = List.copyOf(ordered);
    }

    /**
     * Verifies {@code password} for {@code claimant}: the first answer other than unknown user, or
     * unknown user (from backend {@value #NONE}) when no backend knows them.
     */
    public PasswordVerdict verify(Claimant claimant, String password) {
        for (PasswordBackend backend : chain) {
            PasswordVerdict verdict = backend.verify(claimant, password);
            if (verdict.outcome() != PasswordVerdict.Outcome.UNKNOWN_USER) {
                return verdict;
            }
        }
        return PasswordVerdict.unknownUser(NONE);
    }

    /**
     * Verifies {@code password} for an existing account (re-authentication): as {@link #verify}
     * with its localpart, where only a verification of this very account counts as verified.
     */
    public PasswordVerdict verifyAccount(User user, String password) {
        PasswordVerdict verdict = verify(Claimant.user(user.localpart()), password);
        if (verdict.verified() && !verdict.user().localpart().equals(user.localpart())) {
            return PasswordVerdict.wrong(verdict.backend(), "other_account");
        }
        return verdict;
    }

    /**
     * Spends the work of one password check for a name that cannot be anybody's, so that such a
     * request takes as long as a wrong password.
     */
    public PasswordVerdict verifyNobody(String password) {
        hasher.verifyDummy(password);
        return PasswordVerdict.unknownUser(NONE);
    }

    /**
     * Whether the password of the account {@code userRef} is Gatehouse's own, so the user may
     * change it through Matrix: no backend other than the local one owns it.
     */
    public boolean ownsLocally(long userRef) {
        return chain.stream().filter(backend -> !LocalPasswordBackend.NAME.equals(backend.name()))
                .noneMatch(backend -> backend.ownsPassword(userRef));
    }

    /**
     * Whether a backend other than the local one has an account that would log in as
     * {@code localpart}, so the name cannot be registered locally.
     *
     * @throws MatrixException 503 when such a backend cannot tell now
     */
    public boolean claimedElsewhere(String localpart) {
        return chain.stream().filter(backend -> !LocalPasswordBackend.NAME.equals(backend.name()))
                .anyMatch(backend -> backend.claimsName(localpart));
    }

    /**
     * The answer to a request whose password check could not be made: 503 {@code M_UNKNOWN} with
     * {@code retry_after_ms} (and so a {@code Retry-After} header), the shape Gatehouse uses for
     * every dependency that is down.
     */
    public static MatrixException unavailable(PasswordVerdict verdict) {
        return new MatrixException(503, ErrCode.M_UNKNOWN, "The password service is not answering; try again later",
                Map.of("retry_after_ms", Math.max(1000L, verdict.retryAfterMs())));
    }
}
