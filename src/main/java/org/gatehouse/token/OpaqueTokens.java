package org.gatehouse.token;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The opaque token format {@code <prefix>_<random>_<checksum>}: a short prefix naming the token's
 * kind ({@code gha} access, {@code ghr} refresh, …), 32 base-62 characters of randomness
 * (≈190 bits), and 6 base-62 characters of CRC-32 over the first two parts. The checksum lets a
 * mistyped or forged token be rejected before any database work, and the prefix lets secret
 * scanners recognise a leaked token.
 */
public final class OpaqueTokens {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_LENGTH = 32;
    private static final int CHECKSUM_LENGTH = 6;
    private static final Pattern SHAPE = Pattern.compile("[a-z]{3}_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}");

    private OpaqueTokens() {
    }

    /** A new token with the given three-letter lowercase prefix and fresh randomness. */
    public static String generate(String prefix, SecureRandom random) {
        return assemble(prefix, randomPart(random));
    }

    /** 32 random base-62 characters: the secret part of a token. */
    public static String randomPart(SecureRandom random) {
        StringBuilder part = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            part.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return part.toString();
    }

    /** 32 base-62 characters derived from (at least 32 bytes of) a secret seed. */
    public static String derivedPart(byte[] seed) {
        StringBuilder part = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            part.append(ALPHABET.charAt(Byte.toUnsignedInt(seed[i]) % ALPHABET.length()));
        }
        return part.toString();
    }

    /** The token {@code prefix_part_checksum} for a secret part made by {@link #randomPart} or {@link #derivedPart}. */
    public static String assemble(String prefix, String part) {
        String body = prefix + '_' + part;
        return body + '_' + checksum(body);
    }

    /** True when {@code token} has the prefix, the shape and a matching checksum. */
    public static boolean isWellFormed(String token, String prefix) {
        if (token == null || token.length() != prefix.length() + 2 + RANDOM_LENGTH + CHECKSUM_LENGTH
                || !token.startsWith(prefix + '_') || !SHAPE.matcher(token).matches()) {
            return false;
        }
        int split = token.length() - CHECKSUM_LENGTH - 1;
        return checksum(token.substring(0, split)).equals(token.substring(split + 1));
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(out);
    }
}
