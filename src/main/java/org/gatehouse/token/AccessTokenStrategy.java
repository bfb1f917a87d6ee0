package org.gatehouse.token;

import java.time.Instant;

/**
 * A format of access token (spec: "Client Authentication" leaves the format to the server).
 * Implementations are CDI beans; {@code gatehouse.tokens.format} names the one that issues new
 * tokens, while every strategy keeps verifying the tokens it recognises, so changing the setting
 * never logs anyone out. Whatever the format, a token is valid only while the SHA-256 of its
 * value is stored; this port adds what can be decided before that lookup.
 */
public interface AccessTokenStrategy {

    /** The value of {@code gatehouse.tokens.format} that selects this strategy, e.g. {@code opaque}. */
    String format();

    /** A new, unique token for the given claims. */
    String mint(TokenClaims claims);

    /** True when {@code token} has this strategy's shape; cheap and without any I/O. */
    boolean recognises(String token);

    /**
     * Checks what needs no database: checksum, signature, embedded expiry. Only a token that
     * {@link TokenCheck#PASSES} is looked up.
     */
    TokenCheck verifyWithoutDatabase(String token, Instant now);
}
