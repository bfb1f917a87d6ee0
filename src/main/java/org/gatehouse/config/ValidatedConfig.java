package org.gatehouse.config;

/**
 * A typed configuration section. {@link ConfigValidation} asks every section to report its
 * problems when the application starts; any problem fails the deployment.
 */
public interface ValidatedConfig {

    /** Adds one message to {@code problems} for each invalid or inconsistent setting. */
    void validate(ConfigProblems problems);
}
