package org.gatehouse.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.util.logging.Logger;

/**
 * Validates every {@link ValidatedConfig} section when the application starts, before the
 * database is migrated; any invalid setting fails the deployment with one message listing all
 * problems. Settings that are valid but unwise (see {@link ConfigProblems#recommend}) are logged as
 * one warning each.
 */
@ApplicationScoped
public class ConfigValidation {

    private static final Logger LOG = Logger.getLogger(ConfigValidation.class.getName());

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object event,
                 @Any Instance<ValidatedConfig> sections) {
        ConfigProblems problems = new ConfigProblems();
        sections.forEach(section -> section.validate(problems));
        problems.warnings().forEach(LOG::warning);
        if (!problems.messages().isEmpty()) {
            String message = "Gatehouse configuration is invalid:\n  - " + String.join("\n  - ", problems.messages());
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
    }
}
