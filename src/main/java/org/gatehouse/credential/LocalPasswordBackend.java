package org.gatehouse.credential;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.Threepid;
import org.gatehouse.user.ThreepidRepository;
import org.gatehouse.user.User;
import org.gatehouse.user.UserRepository;

/**
 * The passwords Gatehouse stores itself, as Argon2id (or imported bcrypt) hashes. A user name is
 * looked up as a localpart, lowercased; an e-mail address through the users' third-party
 * identifiers. An unknown user and an account without a password cost the same work as a wrong
 * password: a dummy hash of the current cost is checked. An account without a password whose
 * password another backend owns (made by a directory login) is unknown here, never <em>wrong</em>,
 * so that backend decides whatever the order of {@code gatehouse.password-backends}. A hash of an older scheme is replaced by
 * the current scheme after a successful check.
 */
@ApplicationScoped
public class LocalPasswordBackend implements PasswordBackend {

    /** The name of this backend in {@code gatehouse.password-backends}. */
    public static final String NAME = "local";

    @Inject
    UserRepository users;

    @Inject
    ThreepidRepository threepids;

    @Inject
    PasswordHashing hasher;

    @Inject
    PasswordUpgrades upgrades;

    @Inject
    @Any
    Instance<PasswordBackend> backends;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PasswordVerdict verify(Claimant claimant, String password) {
        Optional<User> user = find(claimant);
        String storedHash = user.map(User::passwordHash).orElse(null);
        if (storedHash == null) {
            hasher.verifyDummy(password);
            if (user.isEmpty() || ownedElsewhere(user.get())) {
                return PasswordVerdict.unknownUser(NAME);
            }
            return PasswordVerdict.wrong(NAME, "no_password", user.get().localpart());
        }
        if (!hasher.verify(password, storedHash)) {
            return PasswordVerdict.wrong(NAME, "wrong_password", user.get().localpart());
        }
        if (hasher.needsRehash(storedHash)) {
            upgrades.rehash(user.get().id(), password);
        }
        return PasswordVerdict.verified(NAME, user.get());
    }

    /**
     * Whether another backend owns the password of {@code user} (a directory user's account): this
     * backend then does not know the user, so with {@code local} before {@code ldap} the directory
     * still decides.
     */
    private boolean ownedElsewhere(User user) {
        return backends.stream().filter(backend -> !NAME.equals(backend.name())).anyMatch(backend -> backend.ownsPassword(user.id()));
    }

    private Optional<User> find(Claimant claimant) {
        if (claimant.kind() == Claimant.Kind.EMAIL) {
            return threepids.findByAddress(Threepid.EMAIL, claimant.name()).map(Threepid::user);
        }
        String localpart = claimant.name().toLowerCase(Locale.ROOT);
        return LocalpartRules.isValidForLookup(localpart) ? users.findByLocalpart(localpart) : Optional.empty();
    }

    @Override
    public boolean ownsPassword(long userRef) {
        return true;
    }
}
