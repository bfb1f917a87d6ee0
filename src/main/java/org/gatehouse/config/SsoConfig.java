package org.gatehouse.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Section {@code gatehouse.sso.*}: single sign-on through OpenID Connect providers.
 * {@code providers} lists the provider ids (comma-separated; empty: SSO is off); each provider
 * {@code <id>} is configured under {@code gatehouse.sso.provider.<id>.*} (see
 * {@link SsoProviderSettings} and README "SSO"). {@code client-whitelist} lists URL prefixes of
 * clients that receive a login token without the "Continue to …?" page;
 * {@code attempt-lifetime-seconds} (600) bounds the time between the redirect to the provider
 * and its callback. Lists are comma-separated strings because MicroProfile Config on Payara
 * cannot inject {@code List}. Problems (unknown conflict mode, missing issuer or client id, an
 * issuer that is not an http(s) URL) fail the deployment at startup.
 */
@ApplicationScoped
public class SsoConfig implements ValidatedConfig {

    private static final String PREFIX = "gatehouse.sso.";
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    @Inject
    Config config;

    private final List<String> problems = new ArrayList<>();
    private Map<String, SsoProviderSettings> providers = Map.of();
    private List<String> clientWhitelist = List.of();
    private long attemptLifetimeSeconds;

    @PostConstruct
    void read() {
        Map<String, SsoProviderSettings> read = new LinkedHashMap<>();
        for (String id : list(string("providers", ""))) {
            if (!PROVIDER_ID.matcher(id).matches()) {
                problems.add(PREFIX + "providers: '" + id + "' is not a provider id (a-z, 0-9, '.', '_', '-'; at most 64)");
            } else {
                read.put(id, readProvider(id));
            }
        }
        providers = Collections.unmodifiableMap(read);
        clientWhitelist = list(string("client-whitelist", ""));
        attemptLifetimeSeconds = config.getOptionalValue(PREFIX + "attempt-lifetime-seconds", Long.class).orElse(600L);
    }

    private SsoProviderSettings readProvider(String id) {
        String key = "provider." + id + ".";
        String issuer = string(key + "issuer", "");
        String clientId = string(key + "client-id", "");
        if (!ServerConfig.isHttpUrl(issuer)) {
            problems.add(PREFIX + key + "issuer must be an http or https URL, was '" + issuer + "'");
        }
        if (clientId.isEmpty()) {
            problems.add(PREFIX + key + "client-id is required");
        }
        String clientAuth = string(key + "client-auth", "client_secret_basic");
        if (!clientAuth.equals("client_secret_basic") && !clientAuth.equals("client_secret_post")) {
            problems.add(PREFIX + key + "client-auth must be client_secret_basic or client_secret_post, was '" + clientAuth + "'");
        }
        List<String> scopes = new ArrayList<>(list(string(key + "scopes", "openid,profile,email").replace(' ', ',')));
        if (!scopes.contains("openid")) {
            scopes.add(0, "openid");
        }
        SsoProviderSettings.Conflict conflict = SsoProviderSettings.Conflict.SUFFIX;
        String onConflict = string(key + "on-conflict", "suffix");
        try {
            conflict = SsoProviderSettings.Conflict.valueOf(onConflict.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(PREFIX + key + "on-conflict must be suffix, refuse or picker, was '" + onConflict + "'");
        }
        List<String> algorithms = list(string(key + "algorithms", "RS256,ES256,PS256"));
        if (algorithms.stream().anyMatch(alg -> alg.equalsIgnoreCase("none") || alg.startsWith("HS"))) {
            problems.add(PREFIX + key + "algorithms may name only asymmetric signature algorithms, was " + algorithms);
        }
        return new SsoProviderSettings(id, issuer, clientId, string(key + "client-secret", ""), clientAuth, List.copyOf(scopes),
                string(key + "name", id), optional(key + "icon"), optional(key + "brand"), algorithms,
                Boolean.parseBoolean(string(key + "userinfo", "false")),
                string(key + "localpart-template", "{preferred_username}"), string(key + "display-name-template", "{name}"),
                string(key + "email-claim", "email"), conflict, Boolean.parseBoolean(string(key + "link-existing", "false")),
                requiredClaims(key), Boolean.parseBoolean(string(key + "link-by-email", "false")));
    }

    private Map<String, String> requiredClaims(String key) {
        Map<String, String> rules = new LinkedHashMap<>();
        for (String rule : list(string(key + "required-claims", ""))) {
            int eq = rule.indexOf('=');
            String claim = eq < 0 ? "" : rule.substring(0, eq).trim();
            if (!CLAIM_NAME.matcher(claim).matches() || eq == rule.length() - 1) {
                problems.add(PREFIX + key + "required-claims: '" + rule + "' is not claim=value");
            } else {
                rules.put(claim, rule.substring(eq + 1).trim());
            }
        }
        return Map.copyOf(rules);
    }

    /** Whether any provider is configured, which turns SSO (and {@code m.login.token} for its tokens) on. */
    public boolean enabled() {
        return !providers.isEmpty();
    }

    /** The providers in configuration order. */
    public List<SsoProviderSettings> providers() {
        return List.copyOf(providers.values());
    }

    /** The provider {@code id}, if configured. */
    public Optional<SsoProviderSettings> provider(String id) {
        return Optional.ofNullable(id).map(providers::get);
    }

    /** URL prefixes of clients trusted to receive a login token without confirmation. */
    public List<String> clientWhitelist() {
        return clientWhitelist;
    }

    /** How long a redirect to a provider may wait for its callback. */
    public Duration attemptLifetime() {
        return Duration.ofSeconds(attemptLifetimeSeconds);
    }

    @Override
    public void validate(ConfigProblems problems) {
        this.problems.forEach(message -> problems.require(false, message));
        problems.require(attemptLifetimeSeconds >= 30 && attemptLifetimeSeconds <= 3600,
                PREFIX + "attempt-lifetime-seconds must be between 30 and 3600, was " + attemptLifetimeSeconds);
    }

    private String string(String key, String fallback) {
        return config.getOptionalValue(PREFIX + key, String.class).map(String::trim).orElse(fallback);
    }

    private Optional<String> optional(String key) {
        return config.getOptionalValue(PREFIX + key, String.class).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
