package org.gatehouse.credential.ldap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.Threepid;
import org.gatehouse.user.ThreepidRepository;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;

/**
 * The local accounts of directory users. The first verified login makes the account: its
 * localpart is the entry's localpart attribute, lowercased, and must follow the grammar of new
 * user IDs (a name that cannot map is refused with a log line naming the entry). Every verified
 * login refreshes the display name and the e-mail address (a third-party identifier the user can
 * log in with) from the entry. An existing local account of the same localpart is taken over by
 * the directory (logged): the directory is asked before the local passwords, so it owns the name.
 */
@ApplicationScoped
public class DirectoryAccounts {

    private static final Logger LOG = Logger.getLogger(DirectoryAccounts.class.getName());

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    UserRepository users;

    @Inject
    ThreepidRepository threepids;

    @Inject
    ServerConfig server;

    @Inject
    Clock clock;

    /** The localpart a directory name maps to, or empty (logged) when it cannot be a Matrix user. */
    public Optional<String> localpartOf(DirectoryEntry entry) {
        if (entry.name() == null) {
            LOG.warning(() -> "gatehouse.ldap: entry " + entry.dn() + " has no localpart attribute; it cannot log in");
            return Optional.empty();
        }
        String localpart = entry.name().trim().toLowerCase(Locale.ROOT);
        try {
            LocalpartRules.validateForRegistration(localpart, server.serverName());
            return Optional.of(localpart);
        } catch (MatrixException e) {
            LOG.warning(() -> "gatehouse.ldap: entry " + entry.dn() + " cannot log in: its name '" + entry.name()
                    + "' does not map to a Matrix user ID (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** The account of the verified {@code entry} with localpart {@code localpart}, made or refreshed. */
    @Transactional
    public User provision(String backend, String localpart, DirectoryEntry entry) {
        long now = clock.millis();
        User user = users.findByLocalpart(localpart).orElse(null);
        if (user == null) {
            user = users.insert(new User(localpart, null, false, false, now));
            LOG.info(() -> "gatehouse.ldap: made account @" + localpart + ":" + server.serverName() + " for " + entry.dn());
        }
        DirectoryAccount link = em.find(DirectoryAccount.class, user.id());
        if (link == null) {
            if (user.passwordHash() != null) {
                String taken = localpart;
                LOG.warning(() -> "gatehouse.ldap: the local account @" + taken + " now logs in through the directory (" + entry.dn() + ")");
            }
            link = new DirectoryAccount(user.id(), backend, entry.dn(), null, now);
            em.persist(link);
        }
        String display = entry.displayNameValue().orElse(null);
        if (display != null && !display.equals(user.displayName())) {
            user.changeDisplayName(display);
        }
        refreshMail(user, link, entry.mailValue().map(mail -> Threepid.canonical(Threepid.EMAIL, mail)).orElse(null), now);
        link.synced(entry.dn(), entry.mailValue().map(mail -> Threepid.canonical(Threepid.EMAIL, mail)).orElse(null), now);
        return user;
    }

    /** Replaces the address the directory gave before by the one it gives now; an address of another user is left alone (logged). */
    private void refreshMail(User user, DirectoryAccount link, String mail, long now) {
        if (Objects.equals(mail, link.mail()) && (mail == null || threepids.findByAddress(Threepid.EMAIL, mail).isPresent())) {
            return;
        }
        if (link.mail() != null && !link.mail().equals(mail)) {
            threepids.findByAddress(Threepid.EMAIL, link.mail())
                    .filter(old -> old.user().id().equals(user.id()))
                    .ifPresent(threepids::delete);
        }
        if (mail == null) {
            return;
        }
        Optional<Threepid> holder = threepids.findByAddress(Threepid.EMAIL, mail);
        if (holder.isEmpty()) {
            threepids.insert(new Threepid(user, Threepid.EMAIL, mail, now, now));
        } else if (!holder.get().user().id().equals(user.id())) {
            LOG.warning(() -> "gatehouse.ldap: the directory gives @" + user.localpart() + " an e-mail address another account already has");
        }
    }

    /** An active account whose password the directory owns. */
    public record Member(long userRef, String localpart) {
    }

    /** Every account the directory owns that is not deactivated. */
    @Transactional
    public List<Member> members() {
        return em.createQuery("select d.userRef, u.localpart from DirectoryAccount d, User u where u.id = d.userRef and u.deactivated = false order by d.userRef", Object[].class)
                .getResultList().stream().map(row -> new Member((Long) row[0], (String) row[1])).toList();
    }

    /** Whether the directory owns the password of the account {@code userRef}. */
    @Transactional
    public boolean owns(long userRef) {
        return em.find(DirectoryAccount.class, userRef) != null;
    }

    /** Whether the account of {@code localpart} belongs to the directory. */
    @Transactional
    public boolean ownsLocalpart(String localpart) {
        return users.findByLocalpart(localpart).map(user -> em.find(DirectoryAccount.class, user.id()) != null).orElse(false);
    }
}
