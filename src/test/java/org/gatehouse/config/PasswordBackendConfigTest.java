package org.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordBackendConfigTest {

    private static List<String> problems(List<String> names) {
        ConfigProblems problems = new ConfigProblems();
        new PasswordBackendConfig(String.join(",", names)).validate(problems);
        return problems.messages();
    }

    @Test
    void namesAreTrimmedAndLowercasedInOrder() {
        assertEquals(List.of("ldap", "local"), new PasswordBackendConfig(" LDAP, local ").backends());
    }

    @Test
    void localAloneAndLdapBeforeLocalAreValid() {
        assertEquals(List.of(), problems(List.of("local")));
        assertEquals(List.of(), problems(List.of("ldap", "local")));
    }

    @Test
    void anUnknownBackendFailsTheDeployment() {
        assertEquals(List.of("gatehouse.password-backends names an unknown backend 'kerberos'; known backends are local and ldap"),
                problems(List.of("kerberos", "local")));
    }

    @Test
    void aBackendNamedTwiceFailsTheDeployment() {
        assertEquals(List.of("gatehouse.password-backends names 'local' twice"), problems(List.of("local", "local")));
    }
}
