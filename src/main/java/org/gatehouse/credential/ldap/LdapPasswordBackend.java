package org.gatehouse.credential.ldap;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.gatehouse.config.LdapConfig;
import org.gatehouse.config.PasswordBackendConfig;
import org.gatehouse.credential.Claimant;
import org.gatehouse.credential.PasswordBackend;
import org.gatehouse.credential.PasswordBackends;
import org.gatehouse.credential.PasswordVerdict;
import org.gatehouse.infra.UniqueViolations;
import org.gatehouse.user.User;

/**
 * The {@code ldap} password backend: the {@link Directory} of {@code gatehouse.ldap.*}, asked
 * through the bounded {@link DirectoryWork} on the container's managed executor, with the accounts of directory users kept by
 * {@link DirectoryAccounts}.
 *
 * <p>Answers: <em>verified</em> with the (made or refreshed) account; <em>wrong</em> for a wrong
 * password, an entry outside {@code required-filter}, an ambiguous name, a name that does not map
 * to a Matrix user ID, and for an account made from the directory whose entry is gone (so its
 * name never falls through to the local passwords); <em>unknown user</em> for a name the directory
 * does not have; <em>unavailable</em> when the directory cannot answer in time.
 */
@ApplicationScoped
public class LdapPasswordBackend implements PasswordBackend {

    @Inject
    LdapConfig config;

    @Inject
    DirectoryAccounts accounts;

    /** The container's threads for directory work (java:comp/DefaultManagedExecutorService). */
    @Resource
    ManagedExecutorService executor;

    private Directory directory;
    private DirectoryWork work;

    @Override
    public String name() {
        return PasswordBackendConfig.LDAP;
    }

    /** The directory and its pools, made at the first use (the deployment does not need the directory up). */
    private synchronized Directory directory() {
        if (directory == null) {
            directory = new Directory(config);
            long perAttempt = (long) config.connectTimeoutMs() + config.responseTimeoutMs();
            work = new DirectoryWork(executor, config.maxConcurrent(), config.queueSize(), perAttempt * Math.max(1, config.uris().size()) + 3L * config.responseTimeoutMs());
        }
        return directory;
    }

    private DirectoryAnswer ask(java.util.function.Function<Directory, DirectoryAnswer> question) {
        Directory asked = directory();
        return work.run(() -> question.apply(asked));
    }

    @Override
    public PasswordVerdict verify(Claimant claimant, String password) {
        DirectoryAnswer answer = ask(directory -> directory.authenticate(claimant, password));
        return switch (answer.kind()) {
            case VERIFIED -> accounts.localpartOf(answer.entry())
                    .map(localpart -> PasswordVerdict.verified(name(), provision(localpart, answer.entry())))
                    .orElseGet(() -> PasswordVerdict.wrong(name(), "unmappable_name"));
            case WRONG -> wrong(answer);
            case UNAVAILABLE -> PasswordVerdict.unavailable(name(), answer.reason(), config.retryAfterSeconds() * 1000L);
            default -> ownedAccount(claimant)
                    ? PasswordVerdict.wrong(name(), "not_in_directory", claimant.name().toLowerCase(Locale.ROOT))
                    : PasswordVerdict.unknownUser(name());
        };
    }

    /**
     * The account of a verified entry, made or refreshed. Of several first logins of one person at
     * once, one makes the account and the others, whose transactions lose the race on a unique key
     * (the localpart, the directory link or the e-mail address), refresh the account it made.
     */
    private User provision(String localpart, DirectoryEntry entry) {
        return UniqueViolations.retryOnce(() -> accounts.provision(name(), localpart, entry));
    }

    /** A refusal, naming the account of the entry it concerns when there is one and its name maps to a localpart. */
    private PasswordVerdict wrong(DirectoryAnswer answer) {
        return Optional.ofNullable(answer.entry()).flatMap(accounts::localpartOf)
                .map(localpart -> PasswordVerdict.wrong(name(), answer.reason(), localpart))
                .orElseGet(() -> PasswordVerdict.wrong(name(), answer.reason()));
    }

    /** Whether the name given is that of an account made from the directory (whose entry is now gone). */
    private boolean ownedAccount(Claimant claimant) {
        return claimant.kind() == Claimant.Kind.USER && accounts.ownsLocalpart(claimant.name().toLowerCase(Locale.ROOT));
    }

    /** {@link Directory#standing} on the directory pool. */
    DirectoryAnswer standing(String localpart) {
        return ask(directory -> directory.standing(localpart));
    }

    @Override
    public boolean ownsPassword(long userRef) {
        return accounts.owns(userRef);
    }

    @Override
    public boolean claimsName(String localpart) {
        DirectoryAnswer answer = ask(directory -> directory.find(Claimant.user(localpart)));
        if (answer.kind() == DirectoryAnswer.Kind.UNAVAILABLE) {
            throw PasswordBackends.unavailable(PasswordVerdict.unavailable(name(), answer.reason(), config.retryAfterSeconds() * 1000L));
        }
        return answer.kind() != DirectoryAnswer.Kind.UNKNOWN;
    }

    @PreDestroy
    synchronized void stop() {
        if (directory != null) {
            directory.close();
        }
    }
}
