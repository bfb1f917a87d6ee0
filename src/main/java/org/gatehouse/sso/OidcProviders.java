package org.gatehouse.sso;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.config.SsoConfig;

/** The configured OpenID Connect providers, one {@link OidcProvider} each, in configuration order. */
@ApplicationScoped
public class OidcProviders {

    @Inject
    SsoConfig config;

    private Map<String, OidcProvider> providers;

    @PostConstruct
    void build() {
        Map<String, OidcProvider> built = new LinkedHashMap<>();
        config.providers().forEach(settings -> built.put(settings.id(), new OidcProvider(settings)));
        providers = built;
    }

    Optional<OidcProvider> find(String id) {
        return Optional.ofNullable(id).map(providers::get);
    }

    List<OidcProvider> all() {
        return List.copyOf(providers.values());
    }
}
