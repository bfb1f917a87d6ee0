package org.gatehouse.login.jwt;

/**
 * A token that proves nobody: malformed, unsigned, signed with another key or algorithm, or with
 * claims that do not hold. {@link #reason()} is one of a few fixed words for the audit log and
 * metrics; the message says precisely what failed, for the server's log only.
 */
public final class JwtRejected extends Exception {

    /** Not a compact JWS/JWT. */
    public static final String MALFORMED = "malformed_token";
    /** {@code alg: none}. */
    public static final String UNSIGNED = "unsigned_token";
    /** Another key, another algorithm, a forged or encrypted token. */
    public static final String BAD_SIGNATURE = "bad_signature";
    /** Expired, not yet valid, wrong issuer or audience, a missing required claim. */
    public static final String INVALID_CLAIMS = "invalid_claims";
    /** The subject claim is missing or not a string. */
    public static final String NO_SUBJECT = "no_subject";

    private final String reason;

    JwtRejected(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** The fixed word saying why. */
    public String reason() {
        return reason;
    }
}
