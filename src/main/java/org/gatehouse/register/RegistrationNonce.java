package org.gatehouse.register;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A single-use nonce of shared-secret registration, persisted so every node honours it. */
@Entity
@Table(name = "gh_registration_nonce")
@NamedQuery(name = RegistrationNonce.CONSUME, query = "delete from RegistrationNonce n where n.nonce = :nonce and n.expiresAt > :now")
@NamedQuery(name = RegistrationNonce.DELETE_EXPIRED, query = "delete from RegistrationNonce n where n.expiresAt <= :now")
class RegistrationNonce {

    static final String CONSUME = "RegistrationNonce.consume";
    static final String DELETE_EXPIRED = "RegistrationNonce.deleteExpired";

    @Id
    private String nonce;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected RegistrationNonce() {
    }

    RegistrationNonce(String nonce, long expiresAt) {
        this.nonce = nonce;
        this.expiresAt = expiresAt;
    }
}
