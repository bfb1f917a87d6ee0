package org.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LdapConfigTest {

    private static List<String> problems(List<String> uris, boolean startTls, Optional<String> bindDn, Optional<String> bindPassword,
                                         Optional<String> template, Optional<String> base, List<String> backends) {
        ConfigProblems problems = new ConfigProblems();
        new LdapConfig(Optional.of(String.join(",", uris)), startTls, Optional.empty(), 3000, 5000, bindDn, bindPassword, template, base,
                "(objectClass=*)", Optional.empty(), "uid", "cn", "mail", Optional.empty(), Optional.empty(), 4, 8, 32, 5, false, 300, String.join(",", backends))
                .validate(problems);
        return problems.messages();
    }

    @Test
    void nothingIsCheckedWhenLdapIsNotABackend() {
        assertEquals(List.of(), problems(List.of(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of("local")));
    }

    @Test
    void aSearchSetupIsValid() {
        assertEquals(List.of(), problems(List.of("ldap://a:389", "ldaps://b:636"), false, Optional.of("cn=svc"), Optional.of("pw"),
                Optional.empty(), Optional.of("dc=example,dc=org"), List.of("ldap", "local")));
    }

    @Test
    void ldapWithoutUrisOrBaseFailsTheDeployment() {
        assertEquals(List.of("gatehouse.ldap.uris must name at least one ldap:// or ldaps:// URI when gatehouse.password-backends names ldap",
                        "gatehouse.ldap.base must be set (or gatehouse.ldap.user-dn-template for direct binds)"),
                problems(List.of(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of("ldap")));
    }

    @Test
    void startTlsOnAnLdapsUriAndAServiceAccountWithoutPasswordFailTheDeployment() {
        assertEquals(List.of("gatehouse.ldap.start-tls cannot be used with the ldaps:// URI 'ldaps://b:636' (it is already TLS)",
                        "gatehouse.ldap.bind-password must be set with gatehouse.ldap.bind-dn (e.g. environment variable GATEHOUSE_LDAP_BIND_PASSWORD)"),
                problems(List.of("ldaps://b:636"), true, Optional.of("cn=svc"), Optional.empty(), Optional.empty(), Optional.of("dc=x"), List.of("ldap")));
    }

    @Test
    void aDnTemplateNeedsItsPlaceholder() {
        assertEquals(List.of("gatehouse.ldap.user-dn-template must contain {0}, the place of the user name"),
                problems(List.of("ldap://a"), false, Optional.empty(), Optional.empty(), Optional.of("uid=x,dc=x"), Optional.empty(), List.of("ldap")));
    }

    @Test
    void aBrokenFilterFailsTheDeployment() {
        ConfigProblems problems = new ConfigProblems();
        new LdapConfig(Optional.of("ldap://a"), false, Optional.empty(), 3000, 5000, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("dc=x"), "(objectClass=*", Optional.of("memberOf=x)"), "uid", "cn", "mail", Optional.empty(), Optional.empty(), 4, 8, 32, 5,
                false, 300, "ldap").validate(problems);
        assertEquals(2, problems.messages().size(), problems.messages().toString());
    }

    /** The filters of README's OpenLDAP and Active Directory examples (the AD ones use extensible matching rules). */
    @Test
    void theFiltersOfTheReadmeExamplesAreValid() {
        String adFilter = "(&(objectClass=user)(objectCategory=person)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))";
        for (String required : List.of("(memberOf=cn=matrix-users,ou=groups,dc=example,dc=org)",
                "(memberOf=CN=Matrix Users,OU=Groups,DC=corp,DC=example,DC=org)",
                "(memberOf:1.2.840.113556.1.4.1941:=CN=Matrix Users,OU=Groups,DC=corp,DC=example,DC=org)")) {
            ConfigProblems problems = new ConfigProblems();
            new LdapConfig(Optional.of("ldaps://dc1.corp.example.org:636"), false, Optional.empty(), 3000, 5000, Optional.of("CN=svc-matrix"),
                    Optional.of("pw"), Optional.empty(), Optional.of("DC=corp,DC=example,DC=org"), adFilter, Optional.of(required),
                    "sAMAccountName", "displayName", "mail", Optional.of("CORP"), Optional.of("userPrincipalName"), 4, 8, 32, 5,
                    true, 300, "ldap,local").validate(problems);
            assertEquals(List.of(), problems.messages(), required);
        }
    }
}
