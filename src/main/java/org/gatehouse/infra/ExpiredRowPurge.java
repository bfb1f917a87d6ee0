package org.gatehouse.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Deletes the rows nobody can use any more: expired UIA sessions, shared-secret registration
 * nonces, login tokens, single sign-on attempts and username choices; SSO sessions (kept for
 * back-channel logout) older than {@link #SSO_SESSION_GRACE} whose login token was never used
 * or whose device is gone; and refresh tokens retired (rotated or revoked) more than
 * {@link #RETIRED_REFRESH_TOKEN_RETENTION} ago that no access token refers to. Until then a retired
 * refresh token presented again is recognised as a replay; after, it is an unknown token.
 *
 * <p>Safe on a cluster: a run first claims the lease row of {@code gh_purge_lease} with a
 * conditional {@code UPDATE} (only one node's update finds it due), and every {@code DELETE} is
 * idempotent, each in a transaction of its own (auto-commit), so nothing is held locked for long.
 */
public final class ExpiredRowPurge {

    /** How long a retired refresh token is kept to detect its replay. */
    public static final Duration RETIRED_REFRESH_TOKEN_RETENTION = Duration.ofDays(1);

    /**
     * How old an SSO session must be before it may go: it goes once its login token was never
     * used (the token is gone and no device came of it) or its device is gone.
     */
    public static final Duration SSO_SESSION_GRACE = Duration.ofHours(1);

    static final String LEASE = "expired-rows";

    private static final Map<String, String> DELETES = orderedDeletes();

    private final DataSource dataSource;
    private final Clock clock;

    public ExpiredRowPurge(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private static Map<String, String> orderedDeletes() {
        Map<String, String> deletes = new LinkedHashMap<>();
        deletes.put("uia_sessions", "DELETE FROM gh_uia_session WHERE expires_at <= ?");
        deletes.put("registration_nonces", "DELETE FROM gh_registration_nonce WHERE expires_at <= ?");
        deletes.put("login_tokens", "DELETE FROM gh_login_token WHERE expires_at <= ?");
        deletes.put("retired_refresh_tokens", "DELETE FROM gh_refresh_token WHERE revoked_at IS NOT NULL"
                + " AND revoked_at <= ? AND NOT EXISTS"
                + " (SELECT 1 FROM gh_access_token a WHERE a.refresh_ref = gh_refresh_token.id)");
        deletes.put("sso_attempts", "DELETE FROM gh_sso_attempt WHERE expires_at <= ?");
        deletes.put("sso_username_choices", "DELETE FROM gh_sso_username_choice WHERE expires_at <= ?");
        deletes.put("sso_sessions", "DELETE FROM gh_sso_session WHERE created_at <= ? AND ("
                + "(device_id IS NULL AND NOT EXISTS"
                + " (SELECT 1 FROM gh_login_token t WHERE t.token_hash = gh_sso_session.login_token_hash))"
                + " OR (device_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM gh_device d"
                + " WHERE d.user_id = gh_sso_session.user_id AND d.device_id = gh_sso_session.device_id)))");
        return deletes;
    }

    /**
     * Purges when the lease is due, and then holds it for {@code interval}: the rows deleted per
     * kind, or empty when another run (on this node or another) holds the lease.
     *
     * @throws SQLException when the database fails; a later run tries again
     */
    public Optional<Map<String, Integer>> runIfDue(Duration interval) throws SQLException {
        long now = clock.millis();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!claimLease(connection, now, now + interval.toMillis())) {
                return Optional.empty();
            }
            Map<String, Integer> deleted = new LinkedHashMap<>();
            for (Map.Entry<String, String> delete : DELETES.entrySet()) {
                long before = switch (delete.getKey()) {
                    case "retired_refresh_tokens" -> now - RETIRED_REFRESH_TOKEN_RETENTION.toMillis();
                    case "sso_sessions" -> now - SSO_SESSION_GRACE.toMillis();
                    default -> now;
                };
                try (PreparedStatement statement = connection.prepareStatement(delete.getValue())) {
                    statement.setLong(1, before);
                    deleted.put(delete.getKey(), statement.executeUpdate());
                }
            }
            return Optional.of(deleted);
        }
    }

    private static boolean claimLease(Connection connection, long now, long nextRun) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(
                "UPDATE gh_purge_lease SET next_run = ? WHERE name = ? AND next_run <= ?")) {
            claim.setLong(1, nextRun);
            claim.setString(2, LEASE);
            claim.setLong(3, now);
            return claim.executeUpdate() == 1;
        }
    }
}
