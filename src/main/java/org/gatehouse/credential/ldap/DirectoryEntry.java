package org.gatehouse.credential.ldap;

import java.util.Optional;

/**
 * A person's entry in the directory, as the {@code ldap} backend reads it.
 *
 * @param dn          the entry's distinguished name
 * @param name        the value of the localpart attribute ({@code uid}, {@code sAMAccountName}), as
 *                    stored; {@code null} when the entry has none
 * @param displayName the display-name attribute, or {@code null}
 * @param mail        the e-mail attribute, or {@code null}
 */
public record DirectoryEntry(String dn, String name, String displayName, String mail) {

    public Optional<String> displayNameValue() {
        return Optional.ofNullable(displayName).filter(value -> !value.isBlank());
    }

    public Optional<String> mailValue() {
        return Optional.ofNullable(mail).filter(value -> !value.isBlank());
    }
}
