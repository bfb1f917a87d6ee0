package org.gatehouse.device;

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
import org.gatehouse.user.User;

/** A client device of a user (spec: "Relationship between access tokens and devices"). */
@Entity
@Table(name = "gh_device")
@NamedQuery(name = Device.FIND_BY_USER_AND_DEVICE_ID,
        query = "select d from Device d where d.user.id = :userId and d.deviceId = :deviceId")
@NamedQuery(name = Device.FIND_BY_USER, query = "select d from Device d where d.user.id = :userId order by d.deviceId")
@NamedQuery(name = Device.RECORD_SEEN, query = """
        update Device d set d.lastSeenTs = :ts, d.lastSeenIp = coalesce(:ip, d.lastSeenIp),
               d.lastSeenUserAgent = coalesce(:agent, d.lastSeenUserAgent)
        where d.id = :id and (d.lastSeenTs is null or d.lastSeenTs < :ts)""")
public class Device {

    public static final String FIND_BY_USER_AND_DEVICE_ID = "Device.findByUserAndDeviceId";
    public static final String FIND_BY_USER = "Device.findByUser";
    public static final String RECORD_SEEN = "Device.recordSeen";

    /** The longest display name stored, in UTF-16 code units (the {@code display_name} column's size). */
    public static final int MAX_DISPLAY_NAME_LENGTH = 512;

    /** The Bean Validation message of a display name longer than {@link #MAX_DISPLAY_NAME_LENGTH}. */
    public static final String DISPLAY_NAME_TOO_LONG = "must be at most {max} characters long";

    /** The longest user agent stored (the {@code last_seen_user_agent} column's size). */
    public static final int MAX_USER_AGENT_LENGTH = 512;

    @Id
    @SequenceGenerator(name = "gh_device_id", sequenceName = "gh_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gh_device_id")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @Column(name = "device_id", nullable = false, updatable = false)
    private String deviceId;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "last_seen_ts")
    private Long lastSeenTs;

    @Column(name = "last_seen_ip")
    private String lastSeenIp;

    @Column(name = "last_seen_user_agent")
    private String lastSeenUserAgent;

    @Column(name = "created_at", nullable = false, updatable = false)
    private long createdAt;

    protected Device() {
    }

    public Device(User user, String deviceId, String displayName, long createdAt) {
        this.user = user;
        this.deviceId = deviceId;
        this.displayName = displayName;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public User user() {
        return user;
    }

    public String deviceId() {
        return deviceId;
    }

    public String displayName() {
        return displayName;
    }

    public void rename(String displayName) {
        this.displayName = displayName;
    }

    public Long lastSeenTs() {
        return lastSeenTs;
    }

    public String lastSeenIp() {
        return lastSeenIp;
    }

    /** The user agent the device was last seen with, or {@code null} when never seen with one. */
    public String lastSeenUserAgent() {
        return lastSeenUserAgent;
    }

    public void seen(long timestamp, String ip) {
        this.lastSeenTs = timestamp;
        this.lastSeenIp = ip;
    }
}
