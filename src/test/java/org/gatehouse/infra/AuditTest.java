package org.gatehouse.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.gatehouse.infra.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(Audit.LOGGER);
    private final Metrics metrics = Metrics.inMemory();
    private final Audit audit = new Audit(metrics);

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
        logger.setLevel(Level.ALL);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    private String onlyLine() {
        assertEquals(1, records.size(), records::toString);
        return records.get(0).getMessage();
    }

    @Test
    void aLoginIsOneInfoLineOfKeyValuePairs() {
        audit.loginSucceeded("@alice:localhost", "DEVICE1", "m.login.password");
        assertEquals("event=login user=@alice:localhost device=DEVICE1 address=- request=- type=m.login.password", onlyLine());
        assertEquals(Level.INFO, records.get(0).getLevel());
    }

    @Test
    void aFailedLoginCarriesTheReasonAtWarning() {
        audit.loginFailed("@bob:localhost", "m.login.password", "wrong_password");
        assertEquals("event=login_failed user=@bob:localhost device=- address=- request=- type=m.login.password"
                + " reason=wrong_password", onlyLine());
        assertEquals(Level.WARNING, records.get(0).getLevel());
    }

    @Test
    void aHostileNameCannotForgeALine() {
        audit.loginFailed("@x:localhost\nevent=login user=@admin:localhost", "m.login.password", "unknown_user");
        String line = onlyLine();
        assertFalse(line.contains("\n"), line);
        assertEquals("event=login_failed user=\"@x:localhost\\u000aevent=login user=@admin:localhost\" device=-"
                + " address=- request=- type=m.login.password reason=unknown_user", line);
    }

    @Test
    void everyEventIsOneLineWithoutSecrets() {
        String secret = "correct horse battery staple";
        audit.loginSucceeded("@a:localhost", "D", "m.login.password");
        audit.loginFailed("@a:localhost", "m.login.password", "wrong_password");
        audit.reauthenticationFailed("@a:localhost", "D", "wrong_password");
        audit.loggedOut("@a:localhost", "D", false);
        audit.loggedOut("@a:localhost", "D", true);
        audit.tokenRefreshed("@a:localhost", "D");
        audit.refreshTokenReplayed("@a:localhost", "D");
        audit.passwordChanged("@a:localhost", "D");
        audit.deviceDeleted("@a:localhost", "D");
        audit.deactivated("@a:localhost");
        audit.rateLimited("login.address", "127.0.0.1");
        audit.adminAction(null, "shared_secret_register_admin", "@root:localhost");
        assertEquals(12, records.size());
        List<String> events = records.stream().map(r -> r.getMessage().split(" ")[0]).toList();
        assertEquals(List.of("event=login", "event=login_failed", "event=uia_password_failed", "event=logout",
                "event=logout_all", "event=token_refreshed", "event=refresh_token_replayed", "event=password_changed",
                "event=device_deleted", "event=account_deactivated", "event=rate_limited", "event=admin_action"), events);
        records.forEach(r -> {
            assertFalse(r.getMessage().contains(secret), r.getMessage());
            assertFalse(r.getMessage().contains("\n"), r.getMessage());
        });
    }

    @Test
    void loginsAndRateLimitRefusalsAreCountedEvenWhenNotLogged() {
        logger.setLevel(Level.OFF);
        audit.loginSucceeded("@a:localhost", "D", "m.login.password");
        audit.loginSucceeded("@b:localhost", "E", "m.login.password");
        audit.loginFailed("@a:localhost", "m.login.password", "wrong_password");
        audit.rateLimited("login.address", "127.0.0.1");
        List<String> counted = metrics.read().stream()
                .map(r -> r.name() + r.labels() + "=" + (long) r.value()).toList();
        assertEquals(List.of("gatehouse_logins_total{method=m.login.password, outcome=success}=2",
                "gatehouse_logins_total{method=m.login.password, outcome=wrong_password}=1",
                "gatehouse_rate_limited_total{limit=login.address}=1"), counted);
        assertEquals(0, records.size());
    }
}
