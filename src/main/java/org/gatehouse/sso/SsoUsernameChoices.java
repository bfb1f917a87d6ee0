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
 * First SSO logins waiting on the username picker, bound to the browser that made them like
 * {@link SsoAttempts}: the form's hidden session token (which is also the form's CSRF token: a
 * page of another site cannot know it) and the browser's binding cookie are random, and only
 * their SHA-256 hashes are stored. A choice is used at most once ({@link #consume}, in the
 * transaction that makes the account) and lives as long as an SSO attempt.
 */
@ApplicationScoped
public class SsoUsernameChoices {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    /** Stores the choice of {@code identity}'s username under {@code session}, bound to cookie {@code binding}. */
    @Transactional
    public void store(String session, String binding, IdpIdentity identity, String redirectUrl, Duration lifetime) {
        long now = clock.millis();
        em.createNamedQuery(SsoUsernameChoice.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
        em.persist(new SsoUsernameChoice(TokenHashes.sha256(session), TokenHashes.sha256(binding), identity, redirectUrl,
                now + lifetime.toMillis()));
    }

    /**
     * The pending choice of {@code session}, left in place; empty when there is none (unknown,
     * expired or used) or {@code binding} (the browser's cookie) is missing or another's.
     */
    @Transactional
    public Optional<SsoUsernameChoice> find(String session, String binding) {
        if (session == null || session.isEmpty() || session.length() > 256 || binding == null || binding.length() > 256) {
            return Optional.empty();
        }
        SsoUsernameChoice choice = em.find(SsoUsernameChoice.class, TokenHashes.sha256(session));
        if (choice == null || choice.expiresAt() <= clock.millis()) {
            return Optional.empty();
        }
        boolean boundHere = MessageDigest.isEqual(choice.bindingHash().getBytes(StandardCharsets.US_ASCII),
                TokenHashes.sha256(binding).getBytes(StandardCharsets.US_ASCII));
        return boundHere ? Optional.of(choice) : Optional.empty();
    }

    /** Deletes {@code choice} in the caller's transaction: whether this call deleted it (so it is used once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean consume(SsoUsernameChoice choice) {
        return em.createNamedQuery(SsoUsernameChoice.DELETE).setParameter("sessionHash", choice.sessionHash()).executeUpdate() == 1;
    }
}
