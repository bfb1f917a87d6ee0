package org.gatehouse.register;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A registration token (spec: "Token-authenticated registration") with Synapse's counters:
 * {@code pending} sessions hold a use of it, {@code completed} registrations were made with it.
 */
@Entity
@Table(name = "gh_registration_token")
@NamedQuery(name = RegistrationToken.FIND_ALL, query = "select t from RegistrationToken t order by t.token")
class RegistrationToken {

    static final String FIND_ALL = "RegistrationToken.findAll";

    @Id
    @Column(name = "token", nullable = false, updatable = false)
    private String token;

    @Column(name = "uses_allowed")
    private Long usesAllowed;

    @Column(nullable = false)
    private long pending;

    @Column(nullable = false)
    private long completed;

    @Column(name = "expiry_time")
    private Long expiryTime;

    protected RegistrationToken() {
    }

    RegistrationToken(String token, Long usesAllowed, Long expiryTime) {
        this.token = token;
        this.usesAllowed = usesAllowed;
        this.expiryTime = expiryTime;
    }

    String token() {
        return token;
    }

    void usesAllowed(Long usesAllowed) {
        this.usesAllowed = usesAllowed;
    }

    void expiryTime(Long expiryTime) {
        this.expiryTime = expiryTime;
    }

    /** One more session holds a use. */
    void reserve() {
        pending++;
    }

    /** A session's use is given back without a registration. */
    void release() {
        pending = Math.max(0, pending - 1);
    }

    /** A session holding a use registered. */
    void complete() {
        release();
        completed++;
    }

    RegistrationTokenView view() {
        return new RegistrationTokenView(token, usesAllowed, pending, completed, expiryTime);
    }
}
