package org.gatehouse.credential;

import java.util.Objects;

/**
 * Who a password is presented for, as the client named them (spec: "Identifier types"): a user
 * name ({@code m.id.user}, the localpart of a local user ID, or a directory name such as
 * {@code CORP\alice} or {@code alice@corp.example.org}) or an e-mail address
 * ({@code m.id.thirdparty} with medium {@code email}). Backends decide which names they know.
 *
 * @param kind what {@code name} is
 * @param name the name as given, trimmed; a user name given as a full user ID is its localpart
 */
public record Claimant(Kind kind, String name) {

    /** The kinds of name a client can log in with. */
    public enum Kind {
        /** A user name. */
        USER,
        /** An e-mail address. */
        EMAIL
    }

    public Claimant {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** A user name. */
    public static Claimant user(String name) {
        return new Claimant(Kind.USER, name.trim());
    }

    /** An e-mail address. */
    public static Claimant email(String address) {
        return new Claimant(Kind.EMAIL, address.trim());
    }
}
