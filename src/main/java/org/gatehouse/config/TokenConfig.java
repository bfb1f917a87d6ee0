package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Section {@code gatehouse.tokens.*}: which format new access tokens take. */
@ApplicationScoped
public class TokenConfig implements ValidatedConfig {

    /** The formats a strategy exists for. */
    public static final Set<String> FORMATS = Set.of("opaque");

    @Inject
    @ConfigProperty(name = "gatehouse.tokens.format", defaultValue = "opaque")
    String format;

    /** The format of newly issued access tokens ({@code opaque}). */
    public String format() {
        return format;
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(FORMATS.contains(format),
                "gatehouse.tokens.format must be one of " + FORMATS + ", was '" + format + "'");
    }
}
