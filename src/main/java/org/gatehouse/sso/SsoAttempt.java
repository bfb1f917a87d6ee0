package org.gatehouse.sso;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A pending redirect to an identity provider, keyed by the SHA-256 of its {@code state}; see
 * {@link SsoAttempts}. {@code redirectUrl} is set for a login, {@code uiaSession} for a UIA
 * re-authentication.
 */
@Entity
@Table(name = "gh_sso_attempt")
@NamedQuery(name = SsoAttempt.DELETE, query = "delete from SsoAttempt a where a.stateHash = :stateHash")
@NamedQuery(name = SsoAttempt.DELETE_EXPIRED, query = "delete from SsoAttempt a where a.expiresAt <= :now")
class SsoAttempt {

    static final String DELETE = "SsoAttempt.delete";
    static final String DELETE_EXPIRED = "SsoAttempt.deleteExpired";

    @Id
    @Column(name = "state_hash")
    private String stateHash;

    @Column(name = "binding_hash", nullable = false)
    private String bindingHash;

    @Column(name = "provider_id", nullable = false)
    private String providerId;

    @Column(name = "nonce", nullable = false)
    private String nonce;

    @Column(name = "code_verifier", nullable = false)
    private String codeVerifier;

    @Column(name = "redirect_url")
    private String redirectUrl;

    @Column(name = "uia_session")
    private String uiaSession;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected SsoAttempt() {
    }

    SsoAttempt(String stateHash, String bindingHash, PendingSso pending, long expiresAt) {
        this.stateHash = stateHash;
        this.bindingHash = bindingHash;
        this.providerId = pending.providerId();
        this.nonce = pending.nonce();
        this.codeVerifier = pending.codeVerifier();
        this.redirectUrl = pending.redirectUrl();
        this.uiaSession = pending.uiaSession();
        this.expiresAt = expiresAt;
    }

    String bindingHash() {
        return bindingHash;
    }

    long expiresAt() {
        return expiresAt;
    }

    PendingSso pending() {
        return new PendingSso(providerId, nonce, codeVerifier, redirectUrl, uiaSession);
    }
}
