package org.gatehouse.credential.ldap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.config.LdapConfig;
import org.gatehouse.config.PasswordBackendConfig;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.infra.Audit;
import org.gatehouse.token.TokenService;

/**
 * {@code gatehouse.ldap.revoke-on-disable}: every {@code check-interval-seconds}, each account the
 * directory owns is looked up again; one whose entry is gone, or no longer within {@code filter}
 * and {@code required-filter} (removed from the group, disabled by a filter such as Active
 * Directory's {@code (!(userAccountControl:1.2.840.113556.1.4.803:=2))}), loses every access and
 * refresh token. They cannot log in again either (the login asks the directory). While the
 * directory cannot answer, nobody is revoked; the round stops and the next one tries again.
 */
@ApplicationScoped
public class DirectoryRevocations {

    private static final Logger LOG = Logger.getLogger(DirectoryRevocations.class.getName());

    @Inject
    LdapConfig config;

    @Inject
    PasswordBackendConfig backends;

    @Inject
    LdapPasswordBackend directory;

    @Inject
    DirectoryAccounts accounts;

    @Inject
    TokenService tokens;

    @Inject
    Audit audit;

    @Inject
    ServerConfig server;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> checking;

    @PostConstruct
    void start() {
        if (config.revokeOnDisable() && backends.uses(PasswordBackendConfig.LDAP)) {
            long period = config.checkIntervalSeconds();
            checking = scheduler.scheduleWithFixedDelay(this::checkAll, period, period, TimeUnit.SECONDS);
        }
    }

    /** Starts the checks when the application starts. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the container created this bean to deliver the event: start has run
    }

    @PreDestroy
    void stop() {
        if (checking != null) {
            checking.cancel(false);
        }
    }

    /** One round over every directory account; returns how many lost their sessions. */
    int checkAll() {
        int revoked = 0;
        try {
            for (DirectoryAccounts.Member member : accounts.members()) {
                DirectoryAnswer standing = directory.standing(member.localpart());
                if (standing.kind() == DirectoryAnswer.Kind.UNAVAILABLE) {
                    LOG.warning(() -> "gatehouse.ldap.revoke-on-disable: the directory cannot answer (" + standing.reason() + "); the next check tries again");
                    return revoked;
                }
                if (standing.kind() == DirectoryAnswer.Kind.UNKNOWN || standing.kind() == DirectoryAnswer.Kind.WRONG) {
                    tokens.revokeUser(member.userRef());
                    audit.sessionsRevokedByDirectory("@" + member.localpart() + ":" + server.serverName(), standing.reason());
                    revoked++;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gatehouse.ldap.revoke-on-disable: the check failed; the next one tries again", e);
        }
        return revoked;
    }
}
