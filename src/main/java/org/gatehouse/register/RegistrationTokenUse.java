package org.gatehouse.register;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The registration token a UIA session used, held until its registration completes or the use
 * expires with the session.
 */
@Entity
@Table(name = "gh_registration_token_use")
@NamedQuery(name = RegistrationTokenUse.FIND_EXPIRED,
        query = "select u from RegistrationTokenUse u where u.expiresAt < :now")
@NamedQuery(name = RegistrationTokenUse.DELETE_BY_TOKEN,
        query = "delete from RegistrationTokenUse u where u.token = :token")
class RegistrationTokenUse {

    static final String FIND_EXPIRED = "RegistrationTokenUse.findExpired";
    static final String DELETE_BY_TOKEN = "RegistrationTokenUse.deleteByToken";

    @Id
    @Column(name = "session_id", nullable = false, updatable = false)
    private String sessionId;

    @Column(nullable = false, updatable = false)
    private String token;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private long expiresAt;

    protected RegistrationTokenUse() {
    }

    RegistrationTokenUse(String sessionId, String token, long expiresAt) {
        this.sessionId = sessionId;
        this.token = token;
        this.expiresAt = expiresAt;
    }

    String token() {
        return token;
    }
}
