package org.gatehouse.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An unused {@code m.login.token} login token; only its SHA-256 is stored, and using it deletes it. */
@Entity
@Table(name = "gh_login_token")
@NamedQuery(name = LoginToken.CONSUME,
        query = "delete from LoginToken t where t.tokenHash = :hash and t.userRef = :userRef and t.expiresAt > :now")
@NamedQuery(name = LoginToken.DELETE_EXPIRED, query = "delete from LoginToken t where t.expiresAt <= :now")
@NamedQuery(name = LoginToken.DELETE_BY_USER, query = "delete from LoginToken t where t.userRef = :userRef")
class LoginToken {

    static final String CONSUME = "LoginToken.consume";
    static final String DELETE_EXPIRED = "LoginToken.deleteExpired";
    static final String DELETE_BY_USER = "LoginToken.deleteByUser";

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "user_id", nullable = false)
    private long userRef;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected LoginToken() {
    }

    LoginToken(String tokenHash, long userRef, long expiresAt) {
        this.tokenHash = tokenHash;
        this.userRef = userRef;
        this.expiresAt = expiresAt;
    }
}
