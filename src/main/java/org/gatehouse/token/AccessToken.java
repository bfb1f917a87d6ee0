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
 * An issued access token. Only the SHA-256 of the token is stored; every token belongs to a
 * device of its user.
 */
@Entity
@Table(name = "gh_access_token")
@NamedQuery(name = AccessToken.FIND_OWNER_BY_HASH, query = """
        select new org.gatehouse.token.TokenOwner(t.id, t.expiresAt, t.retiresRefreshRef, u.id, u.localpart,
               u.guest, u.admin, u.deactivated, d.id, d.deviceId, u.locked, u.suspended)
        from AccessToken t join t.user u join t.device d
        where t.tokenHash = :hash""")
@NamedQuery(name = AccessToken.DELETE_BY_DEVICE, query = "delete from AccessToken t where t.device.id = :deviceRef")
@NamedQuery(name = AccessToken.DELETE_BY_USER, query = "delete from AccessToken t where t.user.id = :userId")
@NamedQuery(name = AccessToken.DELETE_BY_ID, query = "delete from AccessToken t where t.id = :id")
@NamedQuery(name = AccessToken.DELETE_BY_REFRESH, query = "delete from AccessToken t where t.refreshToken.id = :refreshRef")
@NamedQuery(name = AccessToken.FIND_EXPIRY_BY_REFRESH,
        query = "select t.expiresAt from AccessToken t where t.refreshToken.id = :refreshRef")
@NamedQuery(name = AccessToken.COUNT_LIVE_SESSIONS,
        query = "select count(distinct t.device.id) from AccessToken t where t.expiresAt is null or t.expiresAt > :now")
@NamedQuery(name = AccessToken.CLEAR_RETIREMENT, query = "update AccessToken t set t.retiresRefreshRef = null where t.id = :id")
public class AccessToken {

    static final String FIND_OWNER_BY_HASH = "AccessToken.findOwnerByHash";
    static final String DELETE_BY_DEVICE = "AccessToken.deleteByDevice";
    static final String DELETE_BY_USER = "AccessToken.deleteByUser";
    static final String DELETE_BY_ID = "AccessToken.deleteById";
    static final String DELETE_BY_REFRESH = "AccessToken.deleteByRefresh";
    static final String CLEAR_RETIREMENT = "AccessToken.clearRetirement";
    static final String FIND_EXPIRY_BY_REFRESH = "AccessToken.findExpiryByRefresh";
    static final String COUNT_LIVE_SESSIONS = "AccessToken.countLiveSessions";

    @Id
    @SequenceGenerator(name = "gh_access_token_id", sequenceName = "gh_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gh_access_token_id")
    private Long id;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "device_ref", nullable = false, updatable = false)
    private Device device;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "refresh_ref", updatable = false)
    private RefreshToken refreshToken;

    @Column(name = "retires_refresh_ref")
    private Long retiresRefreshRef;

    @Column(name = "created_at", nullable = false, updatable = false)
    private long createdAt;

    @Column(name = "expires_at")
    private Long expiresAt;

    protected AccessToken() {
    }

    /**
     * @param refreshToken      the refresh token issued with this access token, or {@code null}
     * @param retiresRefreshRef the refresh token to revoke when this token is first used (the one
     *                          refreshed to obtain it), or {@code null}
     */
    AccessToken(String tokenHash, User user, Device device, RefreshToken refreshToken, Long retiresRefreshRef,
                long createdAt, Long expiresAt) {
        this.tokenHash = tokenHash;
        this.user = user;
        this.device = device;
        this.refreshToken = refreshToken;
        this.retiresRefreshRef = retiresRefreshRef;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public Long id() {
        return id;
    }
}
