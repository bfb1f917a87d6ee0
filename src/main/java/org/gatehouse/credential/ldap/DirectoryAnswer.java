package org.gatehouse.credential.ldap;

import java.util.Objects;

/**
 * What the directory said about a name (and a password).
 *
 * @param kind   the answer
 * @param entry  the person's entry, for {@link Kind#VERIFIED} and {@link Kind#FOUND}; for
 *               {@link Kind#WRONG} the entry whose password was wrong or who may not log in, when
 *               one was found (with a direct bind, only its DN and the name bound with); else
 *               {@code null}
 * @param reason the precise reason for logs and metrics ({@code wrong_password},
 *               {@code not_in_group}, {@code server_down}, …)
 */
public record DirectoryAnswer(Kind kind, DirectoryEntry entry, String reason) {

    /** The answers of the directory. */
    public enum Kind {
        /** The password binds as the entry, which may log in. */
        VERIFIED,
        /** The entry exists (a look-up without a password). */
        FOUND,
        /** An entry was found but the password is wrong, or the entry may not log in. */
        WRONG,
        /** No entry has this name. */
        UNKNOWN,
        /** The directory could not be asked (down, too slow, too busy, misconfigured). */
        UNAVAILABLE
    }

    public DirectoryAnswer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    static DirectoryAnswer verified(DirectoryEntry entry) {
        return new DirectoryAnswer(Kind.VERIFIED, entry, "verified");
    }

    static DirectoryAnswer found(DirectoryEntry entry) {
        return new DirectoryAnswer(Kind.FOUND, entry, "found");
    }

    static DirectoryAnswer wrong(String reason) {
        return new DirectoryAnswer(Kind.WRONG, null, reason);
    }

    /** A wrong password for {@code entry}, or an {@code entry} that may not log in. */
    static DirectoryAnswer wrong(String reason, DirectoryEntry entry) {
        return new DirectoryAnswer(Kind.WRONG, Objects.requireNonNull(entry, "entry"), reason);
    }

    static DirectoryAnswer unknown() {
        return new DirectoryAnswer(Kind.UNKNOWN, null, "unknown_user");
    }

    static DirectoryAnswer unavailable(String reason) {
        return new DirectoryAnswer(Kind.UNAVAILABLE, null, reason);
    }
}
