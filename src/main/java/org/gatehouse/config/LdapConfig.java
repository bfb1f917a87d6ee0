package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.ldap.*}: the directory of the {@code ldap} password backend (used only
 * when {@code gatehouse.password-backends} names {@code ldap}).
 *
 * <ul>
 * <li>{@code uris}: one or more {@code ldap://host:port} or {@code ldaps://host:port}, tried in
 * order (failover); {@code start-tls} upgrades {@code ldap://} connections; {@code ca-file} is a
 * PEM file of the CA(s) to trust (the JVM trust store when unset); {@code connect-timeout-ms} and
 * {@code response-timeout-ms} bound each attempt.</li>
 * <li>{@code bind-dn} and {@code bind-password}: the service account that searches (anonymous
 * searches when unset). Set the password through the environment
 * ({@code GATEHOUSE_LDAP_BIND_PASSWORD}) or the server's credential store, never in the WAR.
 * Or {@code user-dn-template} (e.g. {@code uid={0},ou=people,dc=example,dc=org}): users bind
 * directly with their DN and no search account is needed.</li>
 * <li>{@code base}, {@code filter} (ANDed with the name's equality filter), {@code required-filter}
 * (e.g. {@code (memberOf=cn=matrix-users,ou=groups,dc=example,dc=org)}: an entry outside it cannot
 * log in).</li>
 * <li>{@code attributes.localpart} ({@code uid}, {@code sAMAccountName}),
 * {@code attributes.display-name} ({@code cn}, {@code displayName}), {@code attributes.mail}
 * ({@code mail}).</li>
 * <li>Active Directory: {@code active-directory.netbios-domain} (accepts {@code CORP\alice}) and
 * {@code active-directory.upn-attribute} ({@code userPrincipalName}; accepts
 * {@code alice@corp.example.org}).</li>
 * <li>{@code pool-size} connections, {@code max-concurrent} directory operations at once with
 * {@code queue-size} waiting (beyond that a login answers 503 at once), {@code retry-after-seconds}
 * told to clients while the directory is unavailable.</li>
 * <li>{@code revoke-on-disable}: every {@code check-interval-seconds}, directory users whose entry is
 * gone or outside {@code filter}/{@code required-filter} lose their sessions.</li>
 * </ul>
 */
@ApplicationScoped
public class LdapConfig implements ValidatedConfig {

    private List<String> uris;
    private boolean startTls;
    private String caFile;
    private int connectTimeoutMs;
    private int responseTimeoutMs;
    private String bindDn;
    private String bindPassword;
    private String userDnTemplate;
    private String base;
    private String filter;
    private String requiredFilter;
    private String localpartAttribute;
    private String displayNameAttribute;
    private String mailAttribute;
    private String netbiosDomain;
    private String upnAttribute;
    private int poolSize;
    private int maxConcurrent;
    private int queueSize;
    private int retryAfterSeconds;
    private boolean revokeOnDisable;
    private int checkIntervalSeconds;
    private boolean used;

    protected LdapConfig() {
    }

    /**
     * {@code gatehouse.ldap.uris} is read as one string and split on commas: Payara's MicroProfile
     * Config producer cannot inject an {@code Optional<List<String>>} (a ClassCastException fails
     * the deployment), and a comma-separated string means the same on every server.
     */
    @Inject
    public LdapConfig(@ConfigProperty(name = "gatehouse.ldap.uris") Optional<String> uris,
                      @ConfigProperty(name = "gatehouse.ldap.start-tls", defaultValue = "false") boolean startTls,
                      @ConfigProperty(name = "gatehouse.ldap.ca-file") Optional<String> caFile,
                      @ConfigProperty(name = "gatehouse.ldap.connect-timeout-ms", defaultValue = "3000") int connectTimeoutMs,
                      @ConfigProperty(name = "gatehouse.ldap.response-timeout-ms", defaultValue = "5000") int responseTimeoutMs,
                      @ConfigProperty(name = "gatehouse.ldap.bind-dn") Optional<String> bindDn,
                      @ConfigProperty(name = "gatehouse.ldap.bind-password") Optional<String> bindPassword,
                      @ConfigProperty(name = "gatehouse.ldap.user-dn-template") Optional<String> userDnTemplate,
                      @ConfigProperty(name = "gatehouse.ldap.base") Optional<String> base,
                      @ConfigProperty(name = "gatehouse.ldap.filter", defaultValue = "(objectClass=*)") String filter,
                      @ConfigProperty(name = "gatehouse.ldap.required-filter") Optional<String> requiredFilter,
                      @ConfigProperty(name = "gatehouse.ldap.attributes.localpart", defaultValue = "uid") String localpartAttribute,
                      @ConfigProperty(name = "gatehouse.ldap.attributes.display-name", defaultValue = "cn") String displayNameAttribute,
                      @ConfigProperty(name = "gatehouse.ldap.attributes.mail", defaultValue = "mail") String mailAttribute,
                      @ConfigProperty(name = "gatehouse.ldap.active-directory.netbios-domain") Optional<String> netbiosDomain,
                      @ConfigProperty(name = "gatehouse.ldap.active-directory.upn-attribute") Optional<String> upnAttribute,
                      @ConfigProperty(name = "gatehouse.ldap.pool-size", defaultValue = "4") int poolSize,
                      @ConfigProperty(name = "gatehouse.ldap.max-concurrent", defaultValue = "8") int maxConcurrent,
                      @ConfigProperty(name = "gatehouse.ldap.queue-size", defaultValue = "32") int queueSize,
                      @ConfigProperty(name = "gatehouse.ldap.retry-after-seconds", defaultValue = "5") int retryAfterSeconds,
                      @ConfigProperty(name = "gatehouse.ldap.revoke-on-disable", defaultValue = "false") boolean revokeOnDisable,
                      @ConfigProperty(name = "gatehouse.ldap.check-interval-seconds", defaultValue = "300") int checkIntervalSeconds,
                      @ConfigProperty(name = "gatehouse.password-backends", defaultValue = "local") List<String> backends) {
        this.uris = uris.stream().flatMap(list -> Arrays.stream(list.split(","))).map(String::trim)
                .filter(uri -> !uri.isEmpty()).toList();
        this.startTls = startTls;
        this.caFile = caFile.filter(f -> !f.isBlank()).orElse(null);
        this.connectTimeoutMs = connectTimeoutMs;
        this.responseTimeoutMs = responseTimeoutMs;
        this.bindDn = bindDn.filter(d -> !d.isBlank()).orElse(null);
        this.bindPassword = bindPassword.orElse(null);
        this.userDnTemplate = userDnTemplate.filter(t -> !t.isBlank()).orElse(null);
        this.base = base.orElse("");
        this.filter = filter;
        this.requiredFilter = requiredFilter.filter(f -> !f.isBlank()).orElse(null);
        this.localpartAttribute = localpartAttribute;
        this.displayNameAttribute = displayNameAttribute;
        this.mailAttribute = mailAttribute;
        this.netbiosDomain = netbiosDomain.filter(d -> !d.isBlank()).orElse(null);
        this.upnAttribute = upnAttribute.filter(a -> !a.isBlank()).orElse(null);
        this.poolSize = poolSize;
        this.maxConcurrent = maxConcurrent;
        this.queueSize = queueSize;
        this.retryAfterSeconds = retryAfterSeconds;
        this.revokeOnDisable = revokeOnDisable;
        this.checkIntervalSeconds = checkIntervalSeconds;
        this.used = backends.stream().anyMatch(name -> PasswordBackendConfig.LDAP.equals(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Whether {@code gatehouse.password-backends} names {@code ldap}. */
    public boolean used() {
        return used;
    }

    public List<String> uris() {
        return uris;
    }

    public boolean startTls() {
        return startTls;
    }

    /** The PEM file of trusted CAs, or empty for the JVM trust store. */
    public Optional<String> caFile() {
        return Optional.ofNullable(caFile);
    }

    public int connectTimeoutMs() {
        return connectTimeoutMs;
    }

    public int responseTimeoutMs() {
        return responseTimeoutMs;
    }

    /** The service account's DN, or empty for anonymous searches. */
    public Optional<String> bindDn() {
        return Optional.ofNullable(bindDn);
    }

    public Optional<String> bindPassword() {
        return Optional.ofNullable(bindPassword);
    }

    /** The DN template of direct binds ({@code {0}} is the escaped user name), or empty for search-then-bind. */
    public Optional<String> userDnTemplate() {
        return Optional.ofNullable(userDnTemplate);
    }

    public String base() {
        return base;
    }

    public String filter() {
        return filter;
    }

    public Optional<String> requiredFilter() {
        return Optional.ofNullable(requiredFilter);
    }

    public String localpartAttribute() {
        return localpartAttribute;
    }

    public String displayNameAttribute() {
        return displayNameAttribute;
    }

    public String mailAttribute() {
        return mailAttribute;
    }

    public Optional<String> netbiosDomain() {
        return Optional.ofNullable(netbiosDomain);
    }

    public Optional<String> upnAttribute() {
        return Optional.ofNullable(upnAttribute);
    }

    public int poolSize() {
        return poolSize;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int queueSize() {
        return queueSize;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Whether the sessions of directory users who may no longer log in are revoked at the next check. */
    public boolean revokeOnDisable() {
        return revokeOnDisable;
    }

    /** Seconds between two checks of the directory users ({@link #revokeOnDisable}). */
    public int checkIntervalSeconds() {
        return checkIntervalSeconds;
    }

    @Override
    public void validate(ConfigProblems problems) {
        if (!used) {
            return;
        }
        problems.require(!uris.isEmpty(), "gatehouse.ldap.uris must name at least one ldap:// or ldaps:// URI when gatehouse.password-backends names ldap");
        for (String uri : uris) {
            String lower = uri.toLowerCase(Locale.ROOT);
            problems.require(lower.startsWith("ldap://") || lower.startsWith("ldaps://"),
                    "gatehouse.ldap.uris: '" + uri + "' is neither ldap:// nor ldaps://");
            problems.require(!(startTls && lower.startsWith("ldaps://")),
                    "gatehouse.ldap.start-tls cannot be used with the ldaps:// URI '" + uri + "' (it is already TLS)");
        }
        problems.require(userDnTemplate != null || !base.isBlank(),
                "gatehouse.ldap.base must be set (or gatehouse.ldap.user-dn-template for direct binds)");
        problems.require(userDnTemplate == null || userDnTemplate.contains("{0}"),
                "gatehouse.ldap.user-dn-template must contain {0}, the place of the user name");
        problems.require(bindDn == null || bindPassword != null,
                "gatehouse.ldap.bind-password must be set with gatehouse.ldap.bind-dn (e.g. environment variable GATEHOUSE_LDAP_BIND_PASSWORD)");
        problems.require(connectTimeoutMs >= 100 && responseTimeoutMs >= 100,
                "gatehouse.ldap.connect-timeout-ms and response-timeout-ms must be at least 100");
        problems.require(poolSize >= 1 && maxConcurrent >= 1 && queueSize >= 0,
                "gatehouse.ldap.pool-size and max-concurrent must be at least 1, queue-size at least 0");
        problems.require(retryAfterSeconds >= 1, "gatehouse.ldap.retry-after-seconds must be at least 1");
        problems.require(checkIntervalSeconds >= 1, "gatehouse.ldap.check-interval-seconds must be at least 1");
        requireFilter(problems, "gatehouse.ldap.filter", filter);
        if (requiredFilter != null) {
            requireFilter(problems, "gatehouse.ldap.required-filter", requiredFilter);
        }
    }

    private static void requireFilter(ConfigProblems problems, String setting, String value) {
        try {
            Filter.create(value);
        } catch (LDAPException e) {
            problems.require(false, setting + " is not an LDAP filter (RFC 4515): '" + value + "': " + e.getMessage());
        }
    }
}
