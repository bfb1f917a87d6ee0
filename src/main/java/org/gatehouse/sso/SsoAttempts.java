package org.gatehouse.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.gatehouse.token.TokenHashes;

/**
 * Pending redirects to identity providers, bound to the browser that started them (spec: "SSO
 * client login", security considerations: "guard against unsolicited authentication attempts by
 * tracking pending requests"). The {@code state} sent to the provider and the binding cookie
 * kept by the browser are random; only their SHA-256 hashes are stored. An attempt is used at
 * most once: {@link #take} deletes it whatever the outcome.
 */
@ApplicationScoped
public class SsoAttempts {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    /** Stores {@code pending} under {@code state}, bound to the browser cookie {@code binding}, for {@code lifetime}. */
    @Transactional
    public void store(String state, String binding, PendingSso pending, Duration lifetime) {
        long now = clock.millis();
        em.createNamedQuery(SsoAttempt.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
        em.persist(new SsoAttempt(TokenHashes.sha256(state), TokenHashes.sha256(binding), pending, now + lifetime.toMillis()));
    }

    /**
     * The attempt stored under {@code state}, deleted so that it is never used again; empty when
     * there is none (unknown, expired or already used) or when {@code binding} (the browser's
     * cookie) is missing or is not the one it was bound to.
     */
    @Transactional
    public Optional<PendingSso> take(String state, String binding) {
        if (state == null || state.isEmpty() || state.length() > 256) {
            return Optional.empty();
        }
        String stateHash = TokenHashes.sha256(state);
        SsoAttempt attempt = em.find(SsoAttempt.class, stateHash);
        if (attempt == null) {
            return Optional.empty();
        }
        boolean removed = em.createNamedQuery(SsoAttempt.DELETE).setParameter("stateHash", stateHash).executeUpdate() == 1;
        boolean boundHere = binding != null && binding.length() <= 256 && MessageDigest.isEqual(
                attempt.bindingHash().getBytes(StandardCharsets.US_ASCII),
                TokenHashes.sha256(binding).getBytes(StandardCharsets.US_ASCII));
        return removed && boundHere && attempt.expiresAt() > clock.millis() ? Optional.of(attempt.pending()) : Optional.empty();
    }
}
