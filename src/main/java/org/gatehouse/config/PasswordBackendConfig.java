package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
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
    public PasswordBackendConfig(@ConfigProperty(name = "gatehouse.password-backends", defaultValue = LOCAL) List<String> backends) {
        List<String> names = new ArrayList<>();
        backends.forEach(name -> {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        });
        this.backends = List.copyOf(names);
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
