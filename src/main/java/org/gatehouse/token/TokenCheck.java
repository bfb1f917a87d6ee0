package org.gatehouse.token;

/** What an {@link AccessTokenStrategy} can tell about a token without the database. */
public enum TokenCheck {
    /** Well-formed and, where the format carries one, correctly signed and unexpired: look it up. */
    PASSES,
    /**
     * Correctly signed but past its embedded expiry: 401, with {@code soft_logout: true} only when
     * its session still exists (one lookup, since a revoked token is never a soft logout).
     */
    EXPIRED,
    /** Malformed, forged or signed with an unknown key: 401, no lookup. */
    FAILS
}
