package org.gatehouse.login.jwt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;

/** The transactions of JWT login: finding the subject's account, and making one. */
@ApplicationScoped
public class JwtAccounts {

    @Inject
    UserRepository users;

    @Inject
    Clock clock;

    @Transactional
    public Optional<User> find(String localpart) {
        return users.findByLocalpart(localpart);
    }

    /**
     * Inserts a passwordless account; a concurrent insert of the same localpart makes this throw a
     * {@link jakarta.persistence.PersistenceException} (a unique violation).
     */
    @Transactional
    public User create(String localpart) {
        return users.insert(new User(localpart, null, false, false, clock.millis()));
    }
}
