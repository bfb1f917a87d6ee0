package org.gatehouse.infra.metrics;

import java.util.List;

/**
 * Gatehouse's own figures: what each is, its Prometheus name and the names of its labels. A
 * counter is published as {@code <name>_total}; a gauge under its name. Label values are always
 * from a small fixed set (a login type, an outcome, a rate limit's name), never a user or address.
 */
public enum Figure {

    LOGINS(Kind.COUNTER, "gatehouse_logins", "Logins that reached a login method, by login type and outcome "
            + "(success, or the reason of a failure the client is not told)", "method", "outcome"),
    REGISTRATIONS(Kind.COUNTER, "gatehouse_registrations", "Accounts created, by kind (user, guest, shared_secret, appservice)",
            "kind"),
    TOKEN_CHECKS(Kind.COUNTER, "gatehouse_token_checks", "Access tokens presented to an authenticated endpoint, "
            + "by outcome (valid, invalid, expired, or the refusal's errcode)", "outcome"),
    TOKEN_CACHE_LOOKUPS(Kind.COUNTER, "gatehouse_token_cache_lookups",
            "Lookups in the verified-token cache, by result (hit, miss)", "result"),
    TOKEN_CACHE_HIT_RATIO(Kind.GAUGE, "gatehouse_token_cache_hit_ratio",
            "Share of verified-token cache lookups that were hits since the application started (0 to 1)"),
    HASHING_QUEUE(Kind.GAUGE, "gatehouse_hashing_queue", "Password-hashing tasks waiting for a hashing thread"),
    HASHING_RUNNING(Kind.GAUGE, "gatehouse_hashing_running", "Password-hashing tasks running"),
    HASHING_REJECTIONS(Kind.COUNTER, "gatehouse_hashing_rejections",
            "Password-hashing tasks refused (429 M_LIMIT_EXCEEDED) because the hashing queue was full"),
    RATE_LIMITED(Kind.COUNTER, "gatehouse_rate_limited", "Requests refused by a rate limit, by limit", "limit"),
    ACTIVE_SESSIONS(Kind.GAUGE, "gatehouse_active_sessions",
            "Devices that hold an unexpired access token, in the whole database (counted at most every "
                    + "gatehouse.metrics.sessions-max-age-seconds)");

    /** How a figure behaves. */
    public enum Kind {
        /** Only ever goes up (until the application restarts). */
        COUNTER,
        /** A value read when the figures are read. */
        GAUGE
    }

    private final Kind kind;
    private final String baseName;
    private final String help;
    private final List<String> labels;

    Figure(Kind kind, String baseName, String help, String... labels) {
        this.kind = kind;
        this.baseName = baseName;
        this.help = help;
        this.labels = List.of(labels);
    }

    public Kind kind() {
        return kind;
    }

    /** The name without the {@code _total} that Prometheus exposition adds to counters. */
    public String baseName() {
        return baseName;
    }

    /** The name as exposed: {@code <baseName>_total} for counters. */
    public String exposedName() {
        return kind == Kind.COUNTER ? baseName + "_total" : baseName;
    }

    public String help() {
        return help;
    }

    /** The label names, in the order their values are given. */
    public List<String> labels() {
        return labels;
    }
}
