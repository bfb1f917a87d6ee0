package org.gatehouse.sso;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** The account that a provider's subject signs in to ({@code gh_sso_link}). */
@Entity
@Table(name = "gh_sso_link")
@NamedQuery(name = SsoLink.FIND, query = "select l from SsoLink l where l.providerId = :providerId and l.subject = :subject")
@NamedQuery(name = SsoLink.FIND_BY_USER, query = "select l from SsoLink l where l.userRef = :userRef order by l.id")
class SsoLink {

    static final String FIND = "SsoLink.find";
    static final String FIND_BY_USER = "SsoLink.findByUser";

    @Id
    @SequenceGenerator(name = "gh_sso_link_id", sequenceName = "gh_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gh_sso_link_id")
    private Long id;

    @Column(name = "provider_id", nullable = false, updatable = false)
    private String providerId;

    @Column(name = "subject", nullable = false, updatable = false)
    private String subject;

    @Column(name = "user_id", nullable = false, updatable = false)
    private long userRef;

    @Column(name = "created_at", nullable = false, updatable = false)
    private long createdAt;

    protected SsoLink() {
    }

    SsoLink(String providerId, String subject, long userRef, long createdAt) {
        this.providerId = providerId;
        this.subject = subject;
        this.userRef = userRef;
        this.createdAt = createdAt;
    }

    String providerId() {
        return providerId;
    }

    String subject() {
        return subject;
    }

    long userRef() {
        return userRef;
    }
}
