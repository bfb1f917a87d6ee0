package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.OpaqueTokens;

/** Issues and consumes the single-use nonces of shared-secret registration. */
@ApplicationScoped
public class RegistrationNonces {

    static final Duration LIFETIME = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SecureRandom random;

    /** A new nonce, valid once within {@link #LIFETIME}; expired ones are purged. */
    @Transactional
    public String issue() {
        long now = clock.millis();
        em.createNamedQuery(RegistrationNonce.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
        String nonce = OpaqueTokens.generate("ghn", random);
        em.persist(new RegistrationNonce(nonce, now + LIFETIME.toMillis()));
        return nonce;
    }

    /**
     * Uses up {@code nonce}.
     *
     * @throws MatrixException 400 {@code M_UNKNOWN} for an unknown, used or expired nonce
     */
    @Transactional
    public void consume(String nonce) {
        int consumed = em.createNamedQuery(RegistrationNonce.CONSUME)
                .setParameter("nonce", nonce).setParameter("now", clock.millis()).executeUpdate();
        if (consumed != 1) {
            throw new MatrixException(400, ErrCode.M_UNKNOWN, "Unrecognised nonce");
        }
    }
}
