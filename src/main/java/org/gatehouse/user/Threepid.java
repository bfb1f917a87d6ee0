package org.gatehouse.user;

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
import java.util.Locale;

/**
 * A third-party identifier of a user (spec: "Identifier types", {@code m.id.thirdparty}): a
 * medium ({@code email}) and an address, stored canonical (e-mail addresses lowercased). One
 * address belongs to at most one user.
 */
@Entity
@Table(name = "gh_user_threepid")
@NamedQuery(name = Threepid.FIND_BY_ADDRESS,
        query = "select t from Threepid t join fetch t.user where t.medium = :medium and t.address = :address")
@NamedQuery(name = Threepid.FIND_BY_USER, query = "select t from Threepid t where t.user.id = :userRef order by t.id")
public class Threepid {

    /** The medium of e-mail addresses. */
    public static final String EMAIL = "email";

    static final String FIND_BY_ADDRESS = "Threepid.findByAddress";
    static final String FIND_BY_USER = "Threepid.findByUser";

    @Id
    @SequenceGenerator(name = "gh_user_threepid_id", sequenceName = "gh_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gh_user_threepid_id")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @Column(nullable = false, updatable = false)
    private String medium;

    @Column(nullable = false, updatable = false)
    private String address;

    @Column(name = "validated_at", nullable = false)
    private long validatedAt;

    @Column(name = "added_at", nullable = false, updatable = false)
    private long addedAt;

    protected Threepid() {
    }

    /** A new identifier of {@code user}; the address is canonicalised ({@link #canonical}). */
    public Threepid(User user, String medium, String address, long validatedAt, long addedAt) {
        this.user = user;
        this.medium = medium;
        this.address = canonical(medium, address);
        this.validatedAt = validatedAt;
        this.addedAt = addedAt;
    }

    /** The form addresses are stored and looked up in: e-mail addresses lowercased, others unchanged. */
    public static String canonical(String medium, String address) {
        return EMAIL.equals(medium) ? address.trim().toLowerCase(Locale.ROOT) : address;
    }

    public User user() {
        return user;
    }

    public String medium() {
        return medium;
    }

    public String address() {
        return address;
    }

    public long validatedAt() {
        return validatedAt;
    }

    public long addedAt() {
        return addedAt;
    }
}
