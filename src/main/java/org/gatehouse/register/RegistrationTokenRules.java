package org.gatehouse.register;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The rules of registration tokens, as Synapse keeps them: a token is 1 to 64 characters of
 * {@code [A-Za-z0-9._~-]} (the spec's opaque identifier grammar); it can be used while it has not
 * expired and its pending and completed uses stay below the uses allowed.
 */
public final class RegistrationTokenRules {

    /** The longest token, and the longest generated one. */
    public static final int MAX_LENGTH = 64;

    /**
     * The shortest token an admin may choose: a chosen token is a password of sorts, and a short
     * one is guessed from the validity bucket of a few addresses.
     */
    public static final int MIN_CHOSEN_LENGTH = 8;

    /** The length of a generated token when none is asked for. */
    public static final int DEFAULT_LENGTH = 16;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._~-]{1," + MAX_LENGTH + "}");

    private RegistrationTokenRules() {
    }

    /** Whether {@code token} is a well-formed token. */
    public static boolean isWellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** Whether {@code token}, chosen by an admin, may be created: well formed and at least {@link #MIN_CHOSEN_LENGTH} long. */
    public static boolean isAcceptableChoice(String token) {
        return isWellFormed(token) && token.length() >= MIN_CHOSEN_LENGTH;
    }

    /**
     * Whether a token with these values can authenticate a registration at {@code now}.
     *
     * @param usesAllowed {@code null} for unlimited
     * @param expiryTime  ms since the epoch after which the token is invalid; {@code null} for never
     */
    public static boolean isUsable(Long usesAllowed, long pending, long completed, Long expiryTime, long now) {
        boolean expired = expiryTime != null && expiryTime <= now;
        boolean usedUp = usesAllowed != null && pending + completed >= usesAllowed;
        return !expired && !usedUp;
    }

    /** A random well-formed token of {@code length} characters (1 to {@link #MAX_LENGTH}). */
    public static String generate(int length, SecureRandom random) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("length must be between 1 and " + MAX_LENGTH);
        }
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }
}
