package org.gatehouse.credential.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatehouse.config.LdapConfig;
import org.gatehouse.credential.Claimant;

/**
 * The directory as the {@code ldap} backend asks it, over one connection pool: finds a person's
 * entry by the name given and checks a password by binding as that entry (search then bind with
 * the service account, or a direct bind with {@code user-dn-template}), then the
 * {@code required-filter}. Every call blocks for at most the configured timeouts per URI; it is run
 * on {@link DirectoryWork}, never on a request thread directly.
 *
 * <p>Never throws for a wrong password, an unknown name or an unreachable server: those are
 * {@link DirectoryAnswer answers}. An empty password is wrong without asking the server (a simple
 * bind with an empty password is an anonymous bind, which would succeed).
 */
public class Directory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Directory.class.getName());

    /** Active Directory's reason code in a refused bind's diagnostic message ("data 533"). */
    private static final Pattern AD_REASON = Pattern.compile("data ([0-9a-f]{3})");

    private final LdapConfig config;
    private final Filter baseFilter;
    private final Optional<Filter> requiredFilter;
    private final String[] attributes;
    private final LDAPConnectionPool pool;

    /**
     * A directory over a new connection pool (no connection is made yet).
     *
     * @throws IllegalStateException when a filter, URI or CA file of the configuration is unusable
     */
    public Directory(LdapConfig config) {
        this.config = config;
        this.baseFilter = parse("gatehouse.ldap.filter", config.filter());
        this.requiredFilter = config.requiredFilter().map(f -> parse("gatehouse.ldap.required-filter", f));
        this.attributes = new String[] {config.localpartAttribute(), config.displayNameAttribute(), config.mailAttribute()};
        this.pool = DirectoryConnections.pool(config);
    }

    private static Filter parse(String setting, String filter) {
        try {
            return Filter.create(filter);
        } catch (LDAPException e) {
            throw new IllegalStateException(setting + " is not an LDAP filter: '" + filter + "': " + e.getMessage(), e);
        }
    }

    /** Checks {@code password} for the entry {@code claimant} names. */
    public DirectoryAnswer authenticate(Claimant claimant, String password) {
        if (password.isEmpty()) {
            return DirectoryAnswer.wrong("empty_password");
        }
        try {
            Optional<String> directDn = DirectoryName.boundDn(claimant, config);
            if (directDn.isPresent()) {
                return bindDirectly(directDn.get(), DirectoryName.bareName(claimant.name(), config).orElseThrow(), password);
            }
            return searchThenBind(claimant, password);
        } catch (LDAPException e) {
            return failure(e);
        }
    }

    /** The entry {@code claimant} names, without a password (is the name taken?). */
    public DirectoryAnswer find(Claimant claimant) {
        try {
            Optional<Filter> byName = DirectoryName.filter(claimant, config);
            if (byName.isEmpty()) {
                return DirectoryAnswer.unknown();
            }
            return search(byName.get()).map(DirectoryAnswer::found).orElseGet(DirectoryAnswer::unknown);
        } catch (AmbiguousName e) {
            return DirectoryAnswer.wrong("ambiguous_name");
        } catch (LDAPException e) {
            return failure(e);
        }
    }

    /**
     * Whether the person with this localpart may still log in: {@link DirectoryAnswer.Kind#FOUND}
     * when the entry exists within {@code filter} and {@code required-filter};
     * {@link DirectoryAnswer.Kind#UNKNOWN} when it is gone; {@link DirectoryAnswer.Kind#WRONG}
     * outside the required filter or ambiguous; {@link DirectoryAnswer.Kind#UNAVAILABLE} when the
     * directory cannot tell.
     */
    public DirectoryAnswer standing(String localpart) {
        DirectoryAnswer found = find(Claimant.user(localpart));
        if (found.kind() != DirectoryAnswer.Kind.FOUND || requiredFilter.isEmpty()) {
            return found;
        }
        try {
            SearchResult inGroup = pool.search(new SearchRequest(found.entry().dn(), SearchScope.BASE, requiredFilter.get(), "1.1"));
            return inGroup.getEntryCount() == 0 ? DirectoryAnswer.wrong("not_in_required_filter") : found;
        } catch (LDAPException e) {
            return failure(e);
        }
    }

    private DirectoryAnswer searchThenBind(Claimant claimant, String password) throws LDAPException {
        Optional<Filter> byName = DirectoryName.filter(claimant, config);
        if (byName.isEmpty()) {
            return DirectoryAnswer.unknown();
        }
        Optional<DirectoryEntry> entry;
        try {
            entry = search(byName.get());
        } catch (AmbiguousName e) {
            LOG.warning(() -> "gatehouse.ldap: more than one entry matches a login name; nobody may log in with it (" + byName.get() + ")");
            return DirectoryAnswer.wrong("ambiguous_name");
        }
        if (entry.isEmpty()) {
            return DirectoryAnswer.unknown();
        }
        try {
            pool.bindAndRevertAuthentication(entry.get().dn(), password);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return DirectoryAnswer.wrong(refusedBindReason(e), entry.get());
            }
            throw e;
        }
        if (requiredFilter.isPresent()) {
            SearchResult inGroup = pool.search(new SearchRequest(entry.get().dn(), SearchScope.BASE, requiredFilter.get(), "1.1"));
            if (inGroup.getEntryCount() == 0) {
                return DirectoryAnswer.wrong("not_in_required_filter", entry.get());
            }
        }
        return DirectoryAnswer.verified(entry.get());
    }

    /** Binds as {@code dn}, made by {@code user-dn-template} from the name {@code bound}. */
    private DirectoryAnswer bindDirectly(String dn, String bound, String password) throws LDAPException {
        DirectoryEntry named = new DirectoryEntry(dn, bound, null, null);
        LDAPConnection connection = pool.getConnection();
        boolean usable = true;
        try {
            connection.bind(dn, password);
            SearchResultEntry read = connection.searchForEntry(new SearchRequest(dn, SearchScope.BASE,
                    requiredFilter.map(f -> Filter.createANDFilter(baseFilter, f)).orElse(baseFilter), attributes));
            if (read == null) {
                return DirectoryAnswer.wrong(requiredFilter.isPresent() ? "not_in_required_filter" : "outside_filter", named);
            }
            return DirectoryAnswer.verified(entry(read));
        } catch (LDAPException e) {
            usable = e.getResultCode().isConnectionUsable();
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return DirectoryAnswer.wrong(refusedBindReason(e), named);
            }
            throw e;
        } finally {
            if (usable) {
                pool.releaseAndReAuthenticateConnection(connection);
            } else {
                pool.releaseDefunctConnection(connection);
            }
        }
    }

    /** The one entry the filter finds under the base, or empty. */
    private Optional<DirectoryEntry> search(Filter byName) throws LDAPException, AmbiguousName {
        SearchRequest request = new SearchRequest(config.base(), SearchScope.SUB, Filter.createANDFilter(baseFilter, byName), attributes);
        request.setSizeLimit(2);
        SearchResult result;
        try {
            result = pool.search(request);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw new AmbiguousName();
            }
            throw e;
        }
        List<SearchResultEntry> entries = result.getSearchEntries();
        if (entries.size() > 1) {
            throw new AmbiguousName();
        }
        return entries.stream().findFirst().map(this::entry);
    }

    private DirectoryEntry entry(SearchResultEntry found) {
        return new DirectoryEntry(found.getDN(), found.getAttributeValue(config.localpartAttribute()),
                found.getAttributeValue(config.displayNameAttribute()), found.getAttributeValue(config.mailAttribute()));
    }

    /** A refused bind: Active Directory says why (disabled, locked, expired) in its diagnostic message. */
    private static String refusedBindReason(LDAPException e) {
        String message = e.getDiagnosticMessage();
        Matcher reason = AD_REASON.matcher(message == null ? "" : message);
        if (!reason.find()) {
            return "wrong_password";
        }
        return switch (reason.group(1)) {
            case "533" -> "account_disabled";
            case "775" -> "account_locked";
            case "532", "773" -> "password_expired";
            case "701" -> "account_expired";
            case "525" -> "unknown_user";
            default -> "wrong_password";
        };
    }

    /** An error other than a refused bind: the directory cannot answer now. */
    private static DirectoryAnswer failure(LDAPException e) {
        String reason = e.getResultCode().getName().replace(' ', '_');
        LOG.log(Level.WARNING, "gatehouse.ldap: the directory could not answer ({0}): {1}", new Object[] {reason, e.getExceptionMessage()});
        return DirectoryAnswer.unavailable("directory_" + reason);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** More than one entry has the name: nobody may log in with it. */
    private static final class AmbiguousName extends Exception {
        AmbiguousName() {
            super(null, null, false, false);
        }
    }
}
