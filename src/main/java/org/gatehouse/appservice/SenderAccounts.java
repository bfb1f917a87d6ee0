package org.gatehouse.appservice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.logging.Logger;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;

/** The transactions of {@link AppServiceSenders}: the accounts of application-service senders. */
@ApplicationScoped
public class SenderAccounts {

    private static final Logger LOG = Logger.getLogger(SenderAccounts.class.getName());

    @Inject
    UserRepository users;

    @Inject
    Clock clock;

    /** Creates the passwordless account unless it exists; another node creating it at the same time makes this fail. */
    @Transactional
    public void createUnlessPresent(String localpart) {
        if (!users.existsByLocalpart(localpart)) {
            users.insert(new User(localpart, null, false, false, clock.millis()));
            LOG.info(() -> "Created the account of the application-service sender " + localpart);
        }
    }

    @Transactional
    public boolean exists(String localpart) {
        return users.existsByLocalpart(localpart);
    }
}
