package org.gatehouse.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.http.IpAddresses;

/**
 * {@code gatehouse.http.trusted-proxies} (none): comma-separated IP addresses of the reverse
 * proxies whose {@code X-Forwarded-For} header is believed. Without it the client address is the
 * connection's peer and {@code X-Forwarded-For} is ignored.
 */
@ApplicationScoped
public class TrustedProxiesConfig implements ValidatedConfig {

    @Inject
    @ConfigProperty(name = "gatehouse.http.trusted-proxies")
    Optional<String> trustedProxies;

    private Set<String> canonical;

    @PostConstruct
    void canonicalise() {
        canonical = entries().stream().map(IpAddresses::canonical).flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The canonical addresses of the trusted proxies (worked out once: every request asks). */
    public Set<String> trustedProxies() {
        return canonical;
    }

    private List<String> entries() {
        return Arrays.stream(trustedProxies.orElse("").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public void validate(ConfigProblems problems) {
        entries().forEach(entry -> problems.require(IpAddresses.canonical(entry).isPresent(),
                "gatehouse.http.trusted-proxies must list IP addresses, had " + entry));
    }
}
