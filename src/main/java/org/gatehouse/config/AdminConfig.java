package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.admin.*}: the admin API.
 * <ul>
 *   <li>{@code login-as-admins} (false): whether {@code POST /_synapse/admin/v1/users/{userId}/login}
 *       may open a session as another server admin; by default an admin may log in only as
 *       ordinary users, so one admin's token cannot become another's.</li>
 * </ul>
 */
@ApplicationScoped
public class AdminConfig implements ValidatedConfig {

    @Inject
    @ConfigProperty(name = "gatehouse.admin.login-as-admins", defaultValue = "false")
    boolean loginAsAdmins;

    /** Whether an admin may log in as another admin. */
    public boolean loginAsAdmins() {
        return loginAsAdmins;
    }

    @Override
    public void validate(ConfigProblems problems) {
        // a boolean: MicroProfile Config has already refused anything else
    }
}
