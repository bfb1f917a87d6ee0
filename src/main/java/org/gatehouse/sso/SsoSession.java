package org.gatehouse.sso;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A device that came from an identity provider's session ({@code gh_sso_session}), see {@link SsoSessions}. */
@Entity
@Table(name = "gh_sso_session")
@NamedQuery(name = SsoSession.BY_TOKEN, query = "select s from SsoSession s where s.loginTokenHash = :hash")
@NamedQuery(name = SsoSession.BY_SID, query = "select s from SsoSession s where s.providerId = :providerId and s.sid = :sid")
@NamedQuery(name = SsoSession.BY_SUBJECT,
        query = "select s from SsoSession s where s.providerId = :providerId and s.subject = :subject")
@NamedQuery(name = SsoSession.DELETE_BY_DEVICE,
        query = "delete from SsoSession s where s.userRef = :userRef and s.deviceId = :deviceId")
class SsoSession {

    static final String BY_TOKEN = "SsoSession.byToken";
    static final String BY_SID = "SsoSession.bySid";
    static final String BY_SUBJECT = "SsoSession.bySubject";
    static final String DELETE_BY_DEVICE = "SsoSession.deleteByDevice";

    @Id
    @SequenceGenerator(name = "gh_sso_session_id", sequenceName = "gh_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gh_sso_session_id")
    private Long id;

    @Column(name = "provider_id", nullable = false, updatable = false)
    private String providerId;

    @Column(name = "sid", updatable = false)
    private String sid;

    @Column(name = "subject", nullable = false, updatable = false)
    private String subject;

    @Column(name = "user_id", nullable = false, updatable = false)
    private long userRef;

    @Column(name = "login_token_hash")
    private String loginTokenHash;

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private long createdAt;

    protected SsoSession() {
    }

    SsoSession(IdpIdentity identity, long userRef, String loginTokenHash, long createdAt) {
        this.providerId = identity.providerId();
        this.sid = identity.sessionId().orElse(null);
        this.subject = identity.subject();
        this.userRef = userRef;
        this.loginTokenHash = loginTokenHash;
        this.createdAt = createdAt;
    }

    void loggedIn(String deviceId) {
        this.deviceId = deviceId;
        this.loginTokenHash = null;
    }

    long userRef() {
        return userRef;
    }

    String deviceId() {
        return deviceId;
    }
}
