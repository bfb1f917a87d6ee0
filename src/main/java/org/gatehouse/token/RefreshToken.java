package org.gatehouse.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.gatehouse.device.Device;
import org.gatehouse.user.User;

/**
 * A refresh token (spec: "Refreshing access tokens"); only its SHA-256 is stored. Refreshing
 * records the {@code successor}; once the successor pair is first used this token is revoked
 * ({@code revokedAt}), and presenting it afterwards is a replay.
 */
@Entity
@Table(name = "gh_refresh_token")
@NamedQuery(name = RefreshToken.FIND_BY_HASH, query = "select r from RefreshToken r where r.tokenHash = :hash")
@NamedQuery(name = RefreshToken.FIND_LIVE_PREDECESSOR,
        query = "select r.id from RefreshToken r where r.successorRef = :id and r.revokedAt is null")
@NamedQuery(name = RefreshToken.REVOKE, query = "update RefreshToken r set r.revokedAt = :now where r.id = :id and r.revokedAt is null")
@NamedQuery(name = RefreshToken.DELETE_BY_DEVICE, query = "delete from RefreshToken r where r.device.id = :deviceRef")
@NamedQuery(name = RefreshToken.DELETE_BY_USER, query = "delete from RefreshToken r where r.user.id = :userId")
public class RefreshToken {

    static final String FIND_BY_HASH = "RefreshToken.findByHash";
    static final String REVOKE = "RefreshToken.revoke";
    static final String FIND_LIVE_PREDECESSOR = "RefreshToken.findLivePredecessor";
    static final String DELETE_BY_DEVICE = "RefreshToken.deleteByDevice";
    static final String DELETE_BY_USER = "RefreshToken.deleteByUser";

    @Id
    @SequenceGenerator(name = "gh_refresh_token_id", sequenceName = "gh_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gh_refresh_token_id")
    private Long id;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "device_ref", nullable = false, updatable = false)
    private Device device;

    @Column(name = "successor_ref")
    private Long successorRef;

    @Column(name = "revoked_at")
    private Long revokedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private long createdAt;

    protected RefreshToken() {
    }

    RefreshToken(String tokenHash, User user, Device device, long createdAt) {
        this.tokenHash = tokenHash;
        this.user = user;
        this.device = device;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    String tokenHash() {
        return tokenHash;
    }

    User user() {
        return user;
    }

    Device device() {
        return device;
    }

    Long successorRef() {
        return successorRef;
    }

    void succeededBy(long successorRef) {
        this.successorRef = successorRef;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    void revoke(long now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
