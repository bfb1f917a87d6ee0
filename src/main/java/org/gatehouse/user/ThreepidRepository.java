package org.gatehouse.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Third-party identifiers by address or by user. Callers run inside a transaction. */
@ApplicationScoped
public class ThreepidRepository {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /** The identifier with this medium and address (canonicalised before the lookup). */
    public Optional<Threepid> findByAddress(String medium, String address) {
        return em.createNamedQuery(Threepid.FIND_BY_ADDRESS, Threepid.class)
                .setParameter("medium", medium)
                .setParameter("address", Threepid.canonical(medium, address))
                .getResultStream()
                .findFirst();
    }

    /** Every identifier of the user, oldest first. */
    public List<Threepid> findByUser(long userRef) {
        return em.createNamedQuery(Threepid.FIND_BY_USER, Threepid.class).setParameter("userRef", userRef).getResultList();
    }

    public Threepid insert(Threepid threepid) {
        em.persist(threepid);
        return threepid;
    }

    public void delete(Threepid threepid) {
        em.remove(threepid);
    }
}
