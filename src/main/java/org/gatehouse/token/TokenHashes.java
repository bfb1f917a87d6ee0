package org.gatehouse.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The at-rest form of a token: the lowercase hex SHA-256 of its UTF-8 bytes. Every authenticated
 * request hashes its token, so each thread keeps one {@link MessageDigest} instead of asking the
 * security providers for a new one per call ({@code MessageDigest.getInstance} searches the
 * provider list: 2 % of whoami's samples in the benchmark's profile, docs/benchmarks.md §16).
 * {@link MessageDigest#digest(byte[])} resets the digest, so a thread's instance is always fresh.
 */
public final class TokenHashes {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenHashes::newSha256);

    private TokenHashes() {
    }

    public static String sha256(String token) {
        byte[] digest = SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
