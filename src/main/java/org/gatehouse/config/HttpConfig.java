package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Section {@code gatehouse.http.*}: limits on what a request may carry. */
@ApplicationScoped
public class HttpConfig implements ValidatedConfig {

    private int maxBodyBytes;

    protected HttpConfig() {
    }

    @Inject
    public HttpConfig(@ConfigProperty(name = "gatehouse.http.max-body-bytes", defaultValue = "65536") int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The largest JSON request body accepted, in bytes; a larger one answers 413 {@code M_TOO_LARGE}. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(maxBodyBytes >= 1024 && maxBodyBytes <= 16 * 1024 * 1024,
                "gatehouse.http.max-body-bytes must be between 1024 and 16777216, was " + maxBodyBytes);
    }
}
