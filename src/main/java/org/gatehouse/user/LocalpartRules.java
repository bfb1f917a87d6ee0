package org.gatehouse.user;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * The grammar of user ID localparts (spec: Appendices, "Identifier Grammar", "User Identifiers",
 * as changed in v1.8): the strict grammar that new accounts must follow, the historical grammar
 * under which existing accounts are still looked up, normalisation of a requested username and
 * the server-chosen localpart for registration without {@code username}.
 */
public final class LocalpartRules {

    /** Length of a {@link #generate generated} localpart. */
    public static final int GENERATED_LENGTH = 12;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String LETTERS_AND_DIGITS = LETTERS + "0123456789";
    private static final String ALLOWED_DESCRIPTION = "a-z, 0-9, '.', '_', '=', '-', '/' and '+'";

    private LocalpartRules() {
    }

    /**
     * Maps the {@code username} of a registration request onto a candidate localpart by converting
     * {@code A-Z} to lower case, step 2 of the spec's "Mapping from other character sets" and the
     * spec's requirement that homeservers downcase usernames when creating user IDs. For ASCII
     * this is {@code toLowerCase(Locale.ROOT)}; every other character is left as it is, so that
     * {@link #validateForRegistration} rejects it rather than Unicode case mapping turning it into
     * an ASCII letter (the Kelvin sign U+212A would otherwise become {@code k}). A leading
     * {@code @} or a {@code :server} suffix is not stripped: {@code username} is a localpart.
     *
     * @throws NullPointerException if {@code username} is {@code null}
     */
    public static String normalise(String username) {
        Objects.requireNonNull(username, "username");
        StringBuilder result = null;
        for (int i = 0; i < username.length(); i++) {
            char c = username.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (result == null) {
                    result = new StringBuilder(username);
                }
                result.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return result == null ? username : result.toString();
    }

    /**
     * Checks that {@code localpart} may name a new account on {@code serverName}: it is not empty,
     * contains only {@code a-z 0-9 . _ = - /} and {@code +} (the {@code user_id_char} grammar),
     * and {@code @localpart:serverName} is at most {@value UserId#MAX_BYTES} bytes of UTF-8.
     * Callers {@link #normalise} the requested username first.
     *
     * @throws MatrixException      400 {@code M_INVALID_USERNAME} saying which rule is broken, as
     *                              the registration endpoints answer for "a user ID which is not
     *                              valid"
     * @throws NullPointerException if either argument is {@code null}
     */
    public static void validateForRegistration(String localpart, String serverName) {
        Objects.requireNonNull(localpart, "localpart");
        Objects.requireNonNull(serverName, "serverName");
        if (localpart.isEmpty()) {
            throw invalid("The username must not be empty");
        }
        localpart.codePoints()
                .filter(c -> !isUserIdChar(c))
                .findFirst()
                .ifPresent(c -> {
                    throw invalid(describe(c));
                });
        int bytes = UserId.byteLength(localpart, serverName);
        if (bytes > UserId.MAX_BYTES) {
            int allowed = Math.max(0, UserId.MAX_BYTES - UserId.byteLength("", serverName));
            throw invalid("The username is too long: a user ID may be at most " + UserId.MAX_BYTES
                    + " bytes, so usernames on this server may be at most " + allowed + " characters");
        }
    }

    /**
     * Whether {@code localpart} is acceptable when looking an existing user up: not empty, and only
     * printable ASCII (U+0021 to U+007E) other than {@code :}. This is the part of the spec's
     * "Historical User IDs" grammar that it still calls compliant; localparts with other
     * characters are non-compliant and servers SHOULD NOT show them to clients, so they are not
     * accepted here.
     *
     * @return {@code false} for {@code null}
     */
    public static boolean isValidForLookup(String localpart) {
        if (localpart == null || localpart.isEmpty()) {
            return false;
        }
        for (int i = 0; i < localpart.length(); i++) {
            char c = localpart.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ':') {
                return false;
            }
        }
        return true;
    }

    /**
     * A server-chosen localpart for registration without {@code username} ("the homeserver MUST
     * generate a Matrix ID local part"): {@value #GENERATED_LENGTH} characters from
     * {@code [a-z0-9]}, the first a letter. It always passes {@link #validateForRegistration} for
     * any server name short enough for the ID to fit; uniqueness is the caller's to check.
     *
     * @param random the source of randomness; pass a cryptographically strong one so that
     *               localparts are not guessable
     */
    public static String generate(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        StringBuilder localpart = new StringBuilder(GENERATED_LENGTH);
        localpart.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        while (localpart.length() < GENERATED_LENGTH) {
            localpart.append(LETTERS_AND_DIGITS.charAt(random.nextInt(LETTERS_AND_DIGITS.length())));
        }
        return localpart.toString();
    }

    /** The {@code user_id_char} rule of the user ID grammar. */
    private static boolean isUserIdChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '=' || c == '-' || c == '/' || c == '+';
    }

    private static String describe(int c) {
        String shown = c >= 0x21 && c <= 0x7E
                ? "'" + (char) c + "'"
                : String.format("U+%04X", c);
        String hint = c >= 'A' && c <= 'Z' ? " (upper-case letters are not allowed)" : "";
        return "The username contains " + shown + hint + "; it may only contain " + ALLOWED_DESCRIPTION;
    }

    private static MatrixException invalid(String message) {
        return new MatrixException(400, ErrCode.M_INVALID_USERNAME, message);
    }
}
