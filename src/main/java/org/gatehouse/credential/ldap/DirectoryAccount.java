package org.gatehouse.credential.ldap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The mark of an account whose password a directory owns: the entry it was made or last
 * refreshed from, and the e-mail address the directory gave then.
 */
@Entity
@Table(name = "gh_directory_account")
public class DirectoryAccount {

    @Id
    @Column(name = "user_id")
    private Long userRef;

    @Column(nullable = false)
    private String backend;

    @Column(nullable = false)
    private String dn;

    private String mail;

    @Column(name = "synced_at", nullable = false)
    private long syncedAt;

    protected DirectoryAccount() {
    }

    public DirectoryAccount(long userRef, String backend, String dn, String mail, long syncedAt) {
        this.userRef = userRef;
        this.backend = backend;
        this.dn = dn;
        this.mail = mail;
        this.syncedAt = syncedAt;
    }

    public long userRef() {
        return userRef;
    }

    public String backend() {
        return backend;
    }

    public String dn() {
        return dn;
    }

    /** The directory's e-mail address at the last sync, or {@code null}. */
    public String mail() {
        return mail;
    }

    public long syncedAt() {
        return syncedAt;
    }

    /** Records a login's fresh copy of the entry. */
    public void synced(String dn, String mail, long at) {
        this.dn = dn;
        this.mail = mail;
        this.syncedAt = at;
    }
}
