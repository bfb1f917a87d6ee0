package org.gatehouse.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.infra.metrics.Metrics;
import org.gatehouse.token.LoginTokens;
import org.gatehouse.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outcomes of {@code m.login.token} and the audit line each refusal leaves. */
class TokenLoginMethodTest {

    private final List<String> auditLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            auditLines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger auditLogger = Logger.getLogger(Audit.LOGGER);

    @BeforeEach
    void captureAudit() {
        auditLogger.addHandler(capture);
        auditLogger.setLevel(Level.ALL);
    }

    @AfterEach
    void releaseAudit() {
        auditLogger.removeHandler(capture);
    }

    /** The method with a login-token store that answers {@code consumed} for the token "T". */
    private static TokenLoginMethod method(Optional<User> consumed) {
        TokenLoginMethod method = new TokenLoginMethod();
        method.loginTokens = new LoginTokens() {
            @Override
            public Optional<User> consume(String token) {
                return "T".equals(token) ? consumed : Optional.empty();
            }
        };
        method.server = new ServerConfig("example.org", "https://example.org/");
        method.audit = new Audit(Metrics.inMemory());
        return method;
    }

    private static LoginRequest withToken(String token) {
        return new LoginRequest("m.login.token", null, null, null, token, null, null, null);
    }

    @Test
    void aValidTokenLogsItsUserIn() {
        User alice = new User("alice", null, false, false, 0);

        assertSame(alice, method(Optional.of(alice)).authenticate(withToken("T")));
        assertEquals(List.of(), auditLines);
    }

    @Test
    void anUnknownTokenIsForbiddenAndAudited() {
        MatrixException refused = assertThrows(MatrixException.class,
                () -> method(Optional.empty()).authenticate(withToken("forged")));

        assertEquals(403, refused.status());
        assertEquals(ErrCode.M_FORBIDDEN, refused.errCode());
        assertEquals(List.of("event=login_failed user=- device=- address=- request=- type=m.login.token"
                + " reason=invalid_token"), auditLines);
    }

    @Test
    void aDeactivatedAccountIsRefusedAndAuditedWithItsUserId() {
        User bob = new User("bob", null, false, false, 0);
        bob.deactivate(false);

        MatrixException refused = assertThrows(MatrixException.class,
                () -> method(Optional.of(bob)).authenticate(withToken("T")));

        assertEquals(ErrCode.M_USER_DEACTIVATED, refused.errCode());
        assertEquals(List.of("event=login_failed user=@bob:example.org device=- address=- request=- type=m.login.token"
                + " reason=deactivated"), auditLines);
    }

    @Test
    void aMissingTokenIsAMissingParameter() {
        MatrixException refused = assertThrows(MatrixException.class,
                () -> method(Optional.empty()).authenticate(withToken(null)));

        assertEquals(ErrCode.M_MISSING_PARAM, refused.errCode());
    }
}
