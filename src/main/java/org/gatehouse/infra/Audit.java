package org.gatehouse.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.http.RequestContext;
import org.gatehouse.infra.metrics.Figure;
import org.gatehouse.infra.metrics.Metrics;

/**
 * The audit trail: one line per security event on the logger {@value #LOGGER}, as
 * space-separated {@code key=value} pairs beginning with {@code event=}, then {@code user},
 * {@code device}, {@code address} (the client address) and {@code request} (the request id of
 * {@link RequestContext#requestId()}), then the event's own fields. A value that is absent is {@code -}; a value
 * with anything but letters, digits and {@code @:._-/+!} is double-quoted with {@code "}, {@code \}
 * and control characters escaped, so a hostile user name cannot forge a line.
 *
 * <p>The methods take no password, token or hash, so none can be logged. Successes are logged at
 * {@code INFO}, failures and refusals at {@code WARNING}. Logins and rate-limit refusals are also
 * counted ({@link Figure#LOGINS} by type and outcome, {@link Figure#RATE_LIMITED} by limit), whatever
 * the log level.
 */
@ApplicationScoped
public class Audit {

    /** The logger every audit line goes to. */
    public static final String LOGGER = "org.gatehouse.audit";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    @Inject
    RequestContext context;

    @Inject
    Metrics metrics;

    /** The container's audit trail. */
    public Audit() {
    }

    /** An audit trail outside a container (unit tests): no request, counted in {@code metrics}. */
    public Audit(Metrics metrics) {
        this.metrics = metrics;
    }

    /** A successful login of {@code userId} on {@code deviceId} with {@code loginType}. */
    public void loginSucceeded(String userId, String deviceId, String loginType) {
        metrics.counter(Figure.LOGINS, loginType, "success").increment();
        log(Level.INFO, "login", userId, deviceId, fields("type", loginType));
    }

    /**
     * A failed login naming {@code attemptedUser} (as given, possibly not a user), with the precise
     * {@code reason} (e.g. {@code unknown_user}, {@code wrong_password}, {@code no_password},
     * {@code deactivated}) that the client is not told.
     */
    public void loginFailed(String attemptedUser, String loginType, String reason) {
        metrics.counter(Figure.LOGINS, loginType, reason).increment();
        log(Level.WARNING, "login_failed", attemptedUser, null, fields("type", loginType, "reason", reason));
    }

    /** As {@link #loginFailed(String, String, String)}, naming the password {@code backend} that answered. */
    public void loginFailed(String attemptedUser, String loginType, String reason, String backend) {
        metrics.counter(Figure.LOGINS, loginType, reason).increment();
        log(Level.WARNING, "login_failed", attemptedUser, null, fields("type", loginType, "reason", reason, "backend", backend));
    }

    /** A password of {@code userId} verified by password {@code backend} (before the login or stage it serves completes). */
    public void passwordVerified(String userId, String backend) {
        log(Level.INFO, "password_verified", userId, null, fields("backend", backend));
    }

    /** As {@link #reauthenticationFailed(String, String, String)}, naming the password {@code backend} that answered. */
    public void reauthenticationFailed(String userId, String deviceId, String reason, String backend) {
        log(Level.WARNING, "uia_password_failed", userId, deviceId, fields("reason", reason, "backend", backend));
    }

    /** A failed {@code m.login.password} User-Interactive Authentication stage of {@code userId}. */
    public void reauthenticationFailed(String userId, String deviceId, String reason) {
        log(Level.WARNING, "uia_password_failed", userId, deviceId, fields("reason", reason));
    }

    /** Every session of {@code userId} revoked because the directory no longer lets them log in ({@code reason}). */
    public void sessionsRevokedByDirectory(String userId, String reason) {
        log(Level.WARNING, "sessions_revoked", userId, null, fields("backend", "ldap", "reason", reason));
    }

    /** A logout of one device, or of every device of the user when {@code allDevices}. */
    public void loggedOut(String userId, String deviceId, boolean allDevices) {
        log(Level.INFO, allDevices ? "logout_all" : "logout", userId, deviceId, fields());
    }

    /** A refresh token exchanged for a new pair. */
    public void tokenRefreshed(String userId, String deviceId) {
        log(Level.INFO, "token_refreshed", userId, deviceId, fields());
    }

    /** A refresh token presented again after its successor was used; the device's tokens are revoked. */
    public void refreshTokenReplayed(String userId, String deviceId) {
        log(Level.WARNING, "refresh_token_replayed", userId, deviceId, fields());
    }

    /** A password changed by {@code userId} from {@code deviceId}. */
    public void passwordChanged(String userId, String deviceId) {
        log(Level.INFO, "password_changed", userId, deviceId, fields());
    }

    /** Device {@code deletedDeviceId} of {@code userId} deleted. */
    public void deviceDeleted(String userId, String deletedDeviceId) {
        log(Level.INFO, "device_deleted", userId, deletedDeviceId, fields());
    }

    /** Account {@code userId} deactivated. */
    public void deactivated(String userId) {
        log(Level.INFO, "account_deactivated", userId, null, fields());
    }

    /** A request refused by rate limit {@code limit} for bucket {@code key} (a user ID or an address). */
    public void rateLimited(String limit, String key) {
        metrics.counter(Figure.RATE_LIMITED, limit).increment();
        log(Level.WARNING, "rate_limited", null, null, fields("limit", limit, "key", key));
    }

    /** An administrative {@code action} (e.g. {@code register_admin}) by {@code actor} on {@code target}. */
    public void adminAction(String actor, String action, String target) {
        log(Level.INFO, "admin_action", actor, null, fields("action", action, "target", target));
    }

    /** Pairs of key and value (values may be {@code null}), in order. */
    private static Map<String, String> fields(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private void log(Level level, String event, String user, String device, Map<String, String> extra) {
        if (!LOG.isLoggable(level)) {
            return;
        }
        StringBuilder line = new StringBuilder("event=").append(event);
        append(line, "user", user);
        append(line, "device", device);
        append(line, "address", address());
        append(line, "request", requestId());
        extra.forEach((key, value) -> append(line, key, value));
        LOG.log(level, line.toString());
    }

    private String address() {
        return context == null ? null : context.clientAddress();
    }

    private String requestId() {
        return context == null ? null : context.requestId();
    }

    static void append(StringBuilder line, String key, String value) {
        line.append(' ').append(key).append('=').append(value == null || value.isEmpty() ? "-" : quoted(value));
    }

    static String quoted(String value) {
        if (value.chars().allMatch(Audit::plain)) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        value.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.append('"').toString();
    }

    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "@:._-/+!".indexOf(c) >= 0;
    }
}
