package org.gatehouse.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The (provider, subject) → account links. Callers run inside a transaction. */
@ApplicationScoped
public class SsoLinks {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    /** The account {@code subject} of {@code providerId} is linked to. */
    public Optional<Long> userOf(String providerId, String subject) {
        return em.createNamedQuery(SsoLink.FIND, SsoLink.class)
                .setParameter("providerId", providerId)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst()
                .map(SsoLink::userRef);
    }

    /** Whether the account has any link, i.e. signs in (also) through single sign-on. */
    public boolean hasAny(long userRef) {
        return !em.createNamedQuery(SsoLink.FIND_BY_USER, SsoLink.class).setParameter("userRef", userRef)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** The subjects the account is linked to at {@code providerId}. */
    public List<String> subjectsOf(long userRef, String providerId) {
        return em.createNamedQuery(SsoLink.FIND_BY_USER, SsoLink.class).setParameter("userRef", userRef)
                .getResultStream().filter(link -> link.providerId().equals(providerId)).map(SsoLink::subject).toList();
    }

    /** The providers the account is linked at. */
    public List<String> providersOf(long userRef) {
        return em.createNamedQuery(SsoLink.FIND_BY_USER, SsoLink.class).setParameter("userRef", userRef)
                .getResultStream().map(SsoLink::providerId).distinct().toList();
    }

    /** The account's links, oldest first, as (provider, subject) pairs ({@code subject} is the provider's {@code sub}). */
    public List<LinkedSubject> linksOf(long userRef) {
        return em.createNamedQuery(SsoLink.FIND_BY_USER, SsoLink.class).setParameter("userRef", userRef)
                .getResultStream().map(link -> new LinkedSubject(link.providerId(), link.subject())).toList();
    }

    /** A subject of a provider linked to an account. */
    public record LinkedSubject(String providerId, String subject) {
    }

    /** Links {@code subject} of {@code providerId} to the account; flushed so that a concurrent duplicate fails here. */
    public void link(String providerId, String subject, long userRef) {
        em.persist(new SsoLink(providerId, subject, userRef, clock.millis()));
        em.flush();
    }
}
