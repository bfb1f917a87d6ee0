package org.gatehouse.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A local account. The localpart is stored lowercased and is unique; a deactivated account keeps
 * its row so that its user ID can never be registered again.
 */
@Entity
@Table(name = "gh_user")
@NamedQuery(name = User.FIND_BY_LOCALPART, query = "select u from User u where u.localpart = :localpart")
public class User {

    public static final String FIND_BY_LOCALPART = "User.findByLocalpart";

    @Id
    @SequenceGenerator(name = "gh_user_id", sequenceName = "gh_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gh_user_id")
    private Long id;

    @Column(nullable = false, updatable = false)
    private String localpart;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "display_name")
    private String displayName;

    private boolean admin;
    private boolean guest;
    private boolean deactivated;
    private boolean erased;
    private boolean locked;
    private boolean suspended;

    @Column(name = "created_at", nullable = false, updatable = false)
    private long createdAt;

    protected User() {
    }

    public User(String localpart, String passwordHash, boolean admin, boolean guest, long createdAt) {
        this.localpart = localpart;
        this.passwordHash = passwordHash;
        this.admin = admin;
        this.guest = guest;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String localpart() {
        return localpart;
    }

    /** The stored password hash (its scheme named by its prefix), or {@code null} for none. */
    public String passwordHash() {
        return passwordHash;
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    /** The user's display name, or {@code null} for none. */
    public String displayName() {
        return displayName;
    }

    public void changeDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public boolean admin() {
        return admin;
    }

    /** When the account was created, in milliseconds since the Unix epoch. */
    public long createdAt() {
        return createdAt;
    }

    public boolean guest() {
        return guest;
    }

    public boolean deactivated() {
        return deactivated;
    }

    public boolean erased() {
        return erased;
    }

    /** Whether an admin locked the account (spec: "Account locking"): its tokens are refused, it cannot log in. */
    public boolean locked() {
        return locked;
    }

    public void changeLocked(boolean locked) {
        this.locked = locked;
    }

    /** Whether an admin suspended the account (spec: "Account suspension"). */
    public boolean suspended() {
        return suspended;
    }

    public void changeSuspended(boolean suspended) {
        this.suspended = suspended;
    }

    public void changeAdmin(boolean admin) {
        this.admin = admin;
    }

    /** Makes a deactivated account live again (an admin's decision); its erasure request stays recorded. */
    public void reactivate() {
        this.deactivated = false;
    }

    /** Deactivates the account (only an admin can {@link #reactivate} it); {@code erase} records the user's erasure request. */
    public void deactivate(boolean erase) {
        this.deactivated = true;
        this.erased = this.erased || erase;
    }
}
