package org.gatehouse.credential.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.RDN;
import java.util.Locale;
import java.util.Optional;
import org.gatehouse.config.LdapConfig;
import org.gatehouse.credential.Claimant;

/**
 * How a name given at login is looked up in the directory: an e-mail address by the mail
 * attribute; {@code CORP\alice} (when {@code CORP} is the configured NetBIOS domain) and
 * {@code alice} by the localpart attribute; {@code alice@corp.example.org} by the UPN attribute
 * when one is configured. Values are escaped, so a name cannot change the filter or the DN.
 */
final class DirectoryName {

    private DirectoryName() {
    }

    /** The equality filter that finds the claimant's entry, or empty when the name cannot be in this directory. */
    static Optional<Filter> filter(Claimant claimant, LdapConfig config) {
        if (claimant.kind() == Claimant.Kind.EMAIL) {
            return Optional.of(Filter.createEqualityFilter(config.mailAttribute(), claimant.name()));
        }
        String name = claimant.name();
        if (name.indexOf('@') > 0 && config.upnAttribute().isPresent()) {
            return Optional.of(Filter.createEqualityFilter(config.upnAttribute().get(), name));
        }
        return bareName(name, config).map(bare -> Filter.createEqualityFilter(config.localpartAttribute(), bare));
    }

    /** The DN a user name binds as with {@code user-dn-template}, or empty when it cannot be in this directory. */
    static Optional<String> boundDn(Claimant claimant, LdapConfig config) {
        if (claimant.kind() != Claimant.Kind.USER || config.userDnTemplate().isEmpty()) {
            return Optional.empty();
        }
        return bareName(claimant.name(), config).map(bare -> config.userDnTemplate().get().replace("{0}", escapedRdnValue(bare)));
    }

    /** The name without a {@code DOMAIN\} prefix of the configured domain; empty for another domain. */
    static Optional<String> bareName(String name, LdapConfig config) {
        int slash = name.indexOf('\\');
        if (slash < 0) {
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        }
        String domain = name.substring(0, slash);
        String bare = name.substring(slash + 1);
        boolean ours = config.netbiosDomain().map(d -> d.toLowerCase(Locale.ROOT).equals(domain.toLowerCase(Locale.ROOT))).orElse(false);
        return ours && !bare.isEmpty() ? Optional.of(bare) : Optional.empty();
    }

    /** {@code value} escaped as an attribute value of a DN (RFC 4514). */
    static String escapedRdnValue(String value) {
        String rdn = new RDN("x", value).toString();
        return rdn.substring(rdn.indexOf('=') + 1);
    }
}
