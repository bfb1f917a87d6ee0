package org.gatehouse.uia;

/**
 * What a session ID presented by a client may look like before it is looked up: the server makes
 * them short and printable, so an ID that is over-long or holds a control character (a NUL, which
 * PostgreSQL refuses in text) names no session, and the lookup answers "unknown session" (400)
 * instead of sending it to the database.
 */
final class OpaqueSessionIds {

    /** Longer than any session ID the server makes. */
    static final int MAX_LENGTH = 255;

    private OpaqueSessionIds() {
    }

    static boolean isPlausible(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > MAX_LENGTH) {
            return false;
        }
        return sessionId.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }
}
