package org.gatehouse.ratelimit;

/**
 * The rate limits Gatehouse applies, each configured by {@code gatehouse.rate-limits.<configName>.per-second}
 * and {@code .burst}, with Synapse's defaults. Two limits may share one configuration (registration
 * and username availability) and still count in separate buckets.
 */
public enum LimitName {
    /** Every login attempt, per client address (Synapse {@code rc_login.address}). */
    LOGIN_ADDRESS("login.address", KeyKind.ADDRESS, 0.003, 5),
    /** Successful logins, per account (Synapse {@code rc_login.account}). */
    LOGIN_ACCOUNT("login.account", KeyKind.USER, 0.003, 5),
    /** Failed password checks, login and UIA alike, per account (Synapse {@code rc_login.failed_attempts}). */
    LOGIN_FAILED_ATTEMPTS("login.failed-attempts", KeyKind.USER, 0.17, 3),
    /** Accounts created, per client address (Synapse {@code rc_registration}). */
    REGISTRATION("registration", KeyKind.ADDRESS, 0.17, 3),
    /** {@code GET /register/available}, per client address; configured as {@code registration}. */
    USERNAME_AVAILABILITY("registration", KeyKind.ADDRESS, 0.17, 3),
    /** Registration-token validity checks, per client address (Synapse {@code rc_registration_token_validity}). */
    REGISTRATION_TOKEN_VALIDITY("registration-token-validity", KeyKind.ADDRESS, 0.1, 5),
    /**
     * Failed {@code m.login.registration_token} attempts, per UIA session: a cap (one attempt back a
     * day), so that guessing from many addresses in one session gets nowhere.
     */
    REGISTRATION_TOKEN_SESSION_FAILURES("registration-token.session-failures", KeyKind.SESSION, 1.0 / 86_400, 5),
    /**
     * Rows created for clients nobody has authenticated, per client address: UIA sessions started by
     * {@code POST /register} without {@code auth}, and shared-secret registration nonces.
     */
    UNAUTHENTICATED_SESSIONS("unauthenticated-sessions", KeyKind.ADDRESS, 0.1, 10),
    /** {@code POST /login/get_token}, per user: one a minute (as Synapse). */
    LOGIN_TOKEN("login-token", KeyKind.USER, 1.0 / 60, 1);

    /** What a bucket of the limit is keyed by. */
    public enum KeyKind {
        /** The client address of the request. */
        ADDRESS,
        /** A full Matrix user ID. */
        USER,
        /** A UIA session ID. */
        SESSION
    }

    private final String configName;
    private final KeyKind keyKind;
    private final double defaultPerSecond;
    private final long defaultBurst;

    LimitName(String configName, KeyKind keyKind, double defaultPerSecond, long defaultBurst) {
        this.configName = configName;
        this.keyKind = keyKind;
        this.defaultPerSecond = defaultPerSecond;
        this.defaultBurst = defaultBurst;
    }

    /** The part of the configuration keys after {@code gatehouse.rate-limits.}. */
    public String configName() {
        return configName;
    }

    public KeyKind keyKind() {
        return keyKind;
    }

    /** The rate used when none is configured. */
    public LimitRate defaultRate() {
        return new LimitRate(defaultPerSecond, defaultBurst);
    }
}
