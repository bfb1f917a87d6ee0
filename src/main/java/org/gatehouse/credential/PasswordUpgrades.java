package org.gatehouse.credential;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.gatehouse.user.UserRepository;

/** Re-hashes a just-verified password with the current scheme and cost. */
@ApplicationScoped
public class PasswordUpgrades {

    @Inject
    UserRepository users;

    @Inject
    PasswordHashing hasher;

    @Transactional
    public void rehash(long userRef, String password) {
        String hash = hasher.hash(password);
        users.findById(userRef).ifPresent(user -> user.changePasswordHash(hash));
    }
}
