package org.gatehouse.device;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Device IDs: the ones the server generates when a client gives none, and the check on the ones
 * clients supply (spec: "Relationship between access tokens and devices"; {@code device_id} of
 * {@code POST /login} and {@code POST /register}).
 *
 * <p>The legacy login and registration APIs put no grammar on a client's {@code device_id}. The
 * OAuth 2.0 "Device ID allocation" section asks clients for RFC 3986 unreserved characters and
 * lets servers reject others; existing clients send other printable characters, so Gatehouse
 * accepts any printable ASCII and refuses only what is unsafe to store, log or put in a URL path
 * ({@code /devices/{deviceId}}): empty IDs, IDs longer than the {@code VARCHAR(255)} column,
 * whitespace, control characters and non-ASCII.
 */
public final class DeviceIds {

    /** Length of a {@link #generate generated} device ID. */
    public static final int GENERATED_LENGTH = 10;

    /** Longest device ID accepted from a client, in characters (all ASCII, so also bytes). */
    public static final int MAX_LENGTH = 255;

    private DeviceIds() {
    }

    /**
     * A new device ID: {@value #GENERATED_LENGTH} upper-case letters {@code A-Z}, like those of
     * Synapse and the spec's examples ({@code GHTYAJCE}). Uniqueness per user is the caller's to
     * check.
     *
     * @param random the source of randomness; pass a cryptographically strong one
     */
    public static String generate(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        char[] id = new char[GENERATED_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = (char) ('A' + random.nextInt(26));
        }
        return new String(id);
    }

    /**
     * Whether a client-supplied {@code device_id} is acceptable: 1 to {@value #MAX_LENGTH}
     * characters, each printable ASCII from U+0021 to U+007E (no space, no control character).
     *
     * @return {@code false} for {@code null}
     */
    /**
     * Whether a device ID named in a path or query can be looked up at all: not longer than
     * {@link #MAX_LENGTH} and without control characters (PostgreSQL refuses a NUL in text). Other
     * IDs name no device and answer 400 {@code M_INVALID_PARAM} before any query.
     */
    public static boolean isLookupable(String deviceId) {
        return deviceId != null && deviceId.length() <= MAX_LENGTH && deviceId.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    public static boolean isValid(String deviceId) {
        if (deviceId == null || deviceId.isEmpty() || deviceId.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < deviceId.length(); i++) {
            char c = deviceId.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
