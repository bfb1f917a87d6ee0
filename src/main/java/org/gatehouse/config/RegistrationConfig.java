package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.registration.*}.
 * <ul>
 *   <li>{@code enabled} (false): whether {@code POST /register} creates accounts;</li>
 *   <li>{@code allow-guests} (false): whether {@code kind=guest} registration is allowed;</li>
 *   <li>{@code flows} ({@code m.login.dummy}): the UIA flows offered, flows separated by
 *       {@code ;}, the stages of one flow by {@code ,} — e.g.
 *       {@code m.login.registration_token,m.login.terms;m.login.dummy};</li>
 *   <li>{@code shared-secret} (unset): the secret of the shared-secret registration admin API,
 *       which is disabled while it is unset.</li>
 * </ul>
 */
@ApplicationScoped
public class RegistrationConfig implements ValidatedConfig {

    @Inject
    @ConfigProperty(name = "gatehouse.registration.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "gatehouse.registration.allow-guests", defaultValue = "false")
    boolean allowGuests;

    @Inject
    @ConfigProperty(name = "gatehouse.registration.flows", defaultValue = "m.login.dummy")
    String flows;

    @Inject
    @ConfigProperty(name = "gatehouse.registration.shared-secret")
    Optional<String> sharedSecret;

    public boolean enabled() {
        return enabled;
    }

    public boolean allowGuests() {
        return allowGuests;
    }

    /** The configured flows, each a non-empty list of stage types. */
    public List<List<String>> flows() {
        return parseFlows(flows);
    }

    /** The shared registration secret, when one is configured and not blank. */
    public Optional<String> sharedSecret() {
        return sharedSecret.filter(secret -> !secret.isBlank());
    }

    static List<List<String>> parseFlows(String value) {
        return Arrays.stream(value.split(";"))
                .map(flow -> Arrays.stream(flow.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .filter(flow -> !flow.isEmpty())
                .toList();
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(!flows().isEmpty(), "gatehouse.registration.flows must name at least one flow, was '" + flows + "'");
        problems.require(sharedSecret.isEmpty() || sharedSecret.get().isBlank() || sharedSecret.get().length() >= 16,
                "gatehouse.registration.shared-secret must be at least 16 characters long");
    }
}
