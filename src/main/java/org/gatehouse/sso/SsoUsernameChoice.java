package org.gatehouse.sso;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.text.ParseException;
import java.util.Optional;

/**
 * A first SSO login waiting for its user to choose a username, keyed by the SHA-256 of the
 * picker form's session token; see {@link SsoUsernameChoices}.
 */
@Entity
@Table(name = "gh_sso_username_choice")
@NamedQuery(name = SsoUsernameChoice.DELETE, query = "delete from SsoUsernameChoice c where c.sessionHash = :sessionHash")
@NamedQuery(name = SsoUsernameChoice.DELETE_EXPIRED, query = "delete from SsoUsernameChoice c where c.expiresAt <= :now")
class SsoUsernameChoice {

    static final String DELETE = "SsoUsernameChoice.delete";
    static final String DELETE_EXPIRED = "SsoUsernameChoice.deleteExpired";

    @Id
    @Column(name = "session_hash")
    private String sessionHash;

    @Column(name = "binding_hash", nullable = false)
    private String bindingHash;

    @Column(name = "provider_id", nullable = false)
    private String providerId;

    @Column(name = "subject", nullable = false)
    private String subject;

    @Column(name = "sid")
    private String sid;

    @Column(name = "claims", nullable = false, length = 65535)
    private String claims;

    @Column(name = "redirect_url", nullable = false)
    private String redirectUrl;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected SsoUsernameChoice() {
    }

    SsoUsernameChoice(String sessionHash, String bindingHash, IdpIdentity identity, String redirectUrl, long expiresAt) {
        this.sessionHash = sessionHash;
        this.bindingHash = bindingHash;
        this.providerId = identity.providerId();
        this.subject = identity.subject();
        this.sid = identity.sessionId().orElse(null);
        this.claims = JSONObjectUtils.toJSONString(identity.claims());
        this.redirectUrl = redirectUrl;
        this.expiresAt = expiresAt;
    }

    String sessionHash() {
        return sessionHash;
    }

    String bindingHash() {
        return bindingHash;
    }

    long expiresAt() {
        return expiresAt;
    }

    String redirectUrl() {
        return redirectUrl;
    }

    /** The identity the provider vouched for, as the callback saw it. */
    IdpIdentity identity() {
        try {
            return new IdpIdentity(providerId, subject, Optional.ofNullable(sid), JSONObjectUtils.parse(claims));
        } catch (ParseException e) {
            throw new IllegalStateException("Stored SSO claims are not JSON", e);
        }
    }
}
