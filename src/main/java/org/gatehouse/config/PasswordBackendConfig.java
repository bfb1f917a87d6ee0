package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Setting {@code gatehouse.password-backends}: the password backends asked, in order, for
 * {@code m.login.password} logins and the User-Interactive Authentication password stage, as a
 * comma-separated list of {@value #LOCAL} and {@value #LDAP}. The default is {@value #LOCAL}: only
 * the password hashes Gatehouse stores. {@code ldap,local} asks the directory first and the local
 * accounts for the names the directory does not know.
 */
@ApplicationScoped
public class PasswordBackendConfig implements ValidatedConfig {

    /** The backend of the password hashes Gatehouse stores. */
    public static final String LOCAL = "local";
    /** The directory backend ({@code gatehouse.ldap.*}). */
    public static final String LDAP = "ldap";

    private static final Set<String> KNOWN = Set.of(LOCAL, LDAP);

    private List<String> backends;

    protected PasswordBackendConfig() {
    }

    @Inject
    public PasswordBackendConfig(@ConfigProperty(name = "gatehouse.password-backends", defaultValue = LOCAL) String backends) {
        this.backends = commaSeparated(backends).stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The non-blank items of a comma-separated setting, trimmed. Settings that hold lists are
     * injected as one string and split here: MicroProfile Config implementations differ in how
     * they convert to {@code List} (Payara's does not for constructor parameters).
     */
    static List<String> commaSeparated(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** The backend names, in the order they are asked. */
    public List<String> backends() {
        return backends;
    }

    /** Whether {@code name} is one of the configured backends. */
    public boolean uses(String name) {
        return backends.contains(name);
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(!backends.isEmpty(), "gatehouse.password-backends must name at least one backend (local, ldap)");
        Set<String> seen = new HashSet<>();
        for (String name : backends) {
            problems.require(KNOWN.contains(name),
                    "gatehouse.password-backends names an unknown backend '" + name + "'; known backends are local and ldap");
            problems.require(seen.add(name), "gatehouse.password-backends names '" + name + "' twice");
        }
    }
}
