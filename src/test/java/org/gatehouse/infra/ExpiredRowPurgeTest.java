package org.gatehouse.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The purge against the real migrations, on an in-memory H2 database. */
class ExpiredRowPurgeTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final Duration INTERVAL = Duration.ofMinutes(10);

    private final JdbcDataSource database = new JdbcDataSource();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void migrate() throws SQLException {
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        long now = NOW.toEpochMilli();
        execute("INSERT INTO gh_user (id, localpart, admin, guest, deactivated, erased, created_at)"
                + " VALUES (1, 'alice', FALSE, FALSE, FALSE, FALSE, 0)");
        execute("INSERT INTO gh_device (id, user_id, device_id, created_at) VALUES (1, 1, 'DEV', 0)");
        execute("INSERT INTO gh_login_token VALUES ('expired', 1, " + (now - 1) + "), ('live', 1, " + (now + HOUR) + ")");
        execute("INSERT INTO gh_registration_nonce VALUES ('expired', " + (now - 1) + "), ('live', " + (now + HOUR) + ")");
        execute("INSERT INTO gh_uia_session (id, session_id, operation_hash, completed, created_at, expires_at)"
                + " VALUES (1, 'expired', 'h', '', 0, " + (now - 1) + "), (2, 'live', 'h', '', 0, " + (now + HOUR) + ")");
        long twoDaysAgo = now - 48 * HOUR;
        execute("INSERT INTO gh_refresh_token (id, token_hash, user_id, device_ref, revoked_at, created_at) VALUES"
                + " (1, 'retired-long-ago', 1, 1, " + twoDaysAgo + ", 0),"
                + " (2, 'retired-long-ago-still-referenced', 1, 1, " + twoDaysAgo + ", 0),"
                + " (3, 'retired-an-hour-ago', 1, 1, " + (now - HOUR) + ", 0),"
                + " (4, 'current', 1, 1, NULL, 0)");
        execute("INSERT INTO gh_access_token (id, token_hash, user_id, device_ref, refresh_ref, created_at)"
                + " VALUES (1, 'access', 1, 1, 2, 0)");
        execute("INSERT INTO gh_sso_attempt (state_hash, binding_hash, provider_id, nonce, code_verifier, redirect_url,"
                + " expires_at) VALUES ('expired', 'b', 'idp', 'n', 'v', 'https://c', " + (now - 1) + "),"
                + " ('live', 'b', 'idp', 'n', 'v', 'https://c', " + (now + HOUR) + ")");
        execute("INSERT INTO gh_sso_username_choice (session_hash, binding_hash, provider_id, subject, claims, redirect_url,"
                + " expires_at) VALUES ('expired', 'b', 'idp', 's', '{}', 'https://c', " + (now - 1) + "),"
                + " ('live', 'b', 'idp', 's', '{}', 'https://c', " + (now + HOUR) + ")");
        long old = now - 2 * HOUR;
        execute("INSERT INTO gh_sso_session (id, provider_id, sid, subject, user_id, login_token_hash, device_id, created_at)"
                + " VALUES (1, 'idp', 'token-never-used', 's', 1, 'used-or-expired', NULL, " + old + "),"
                + " (2, 'idp', 'token-still-live', 's', 1, 'live', NULL, " + old + "),"
                + " (3, 'idp', 'device-gone', 's', 1, NULL, 'GONE', " + old + "),"
                + " (4, 'idp', 'device-live', 's', 1, NULL, 'DEV', " + old + "),"
                + " (5, 'idp', 'just-made', 's', 1, 'used-or-expired', NULL, " + (now - 1) + ")");
    }

    @Test
    void rowsNobodyCanUseAreDeletedAndTheRestKept() throws SQLException {
        Optional<Map<String, Integer>> deleted = new ExpiredRowPurge(database, clock).runIfDue(INTERVAL);

        assertEquals(Optional.of(Map.of("uia_sessions", 1, "registration_nonces", 1, "login_tokens", 1,
                "retired_refresh_tokens", 1, "sso_attempts", 1, "sso_username_choices", 1, "sso_sessions", 2)), deleted);
        assertEquals("live", single("SELECT token_hash FROM gh_login_token"));
        assertEquals("live", single("SELECT nonce FROM gh_registration_nonce"));
        assertEquals("live", single("SELECT session_id FROM gh_uia_session"));
        assertEquals(3L, single("SELECT COUNT(*) FROM gh_refresh_token"));
        assertEquals(0L, single("SELECT COUNT(*) FROM gh_refresh_token WHERE id = 1"));
        assertEquals("live", single("SELECT state_hash FROM gh_sso_attempt"));
        assertEquals("live", single("SELECT session_hash FROM gh_sso_username_choice"));
        assertEquals(3L, single("SELECT COUNT(*) FROM gh_sso_session"));
        assertEquals(0L, single("SELECT COUNT(*) FROM gh_sso_session WHERE sid IN ('token-never-used', 'device-gone')"));
    }

    @Test
    void ofTwoNodesOnlyOneRunsThePurgeInAnInterval() throws SQLException {
        ExpiredRowPurge first = new ExpiredRowPurge(database, clock);
        ExpiredRowPurge second = new ExpiredRowPurge(database, clock);

        assertTrue(first.runIfDue(INTERVAL).isPresent());
        assertEquals(Optional.empty(), second.runIfDue(INTERVAL));
        assertEquals(Optional.empty(), first.runIfDue(INTERVAL));
    }

    @Test
    void theLeaseIsDueAgainAfterTheInterval() throws SQLException {
        new ExpiredRowPurge(database, clock).runIfDue(INTERVAL);

        Clock later = Clock.fixed(NOW.plus(INTERVAL), ZoneOffset.UTC);
        assertEquals(Optional.of(Map.of("uia_sessions", 0, "registration_nonces", 0, "login_tokens", 0,
                "retired_refresh_tokens", 0, "sso_attempts", 0, "sso_username_choices", 0, "sso_sessions", 0)),
                new ExpiredRowPurge(database, later).runIfDue(INTERVAL));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private Object single(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            Object value = rows.getObject(1);
            assertTrue(!rows.next(), sql + " has one row");
            return value;
        }
    }
}
