package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Section {@code gatehouse.registration.terms.*}: the policy documents that the
 * {@code m.login.terms} registration stage asks users to accept (spec: "Terms of service at
 * registration", {@code m.login.terms_params}). The keys are dynamic:
 * <ul>
 *   <li>{@code gatehouse.registration.terms.policies} (unset): comma-separated policy IDs, e.g.
 *       {@code terms_of_service,privacy_policy};</li>
 *   <li>{@code gatehouse.registration.terms.<id>.version} (required per policy): its version;</li>
 *   <li>{@code gatehouse.registration.terms.<id>.<lang>.name} and {@code .url} (both required
 *       per language, at least one language): the document's name and its http(s) URL in that
 *       language;</li>
 *   <li>{@code gatehouse.registration.terms.<id>.languages} (optional): comma-separated language
 *       codes; without it the languages are found from the property names, which environment
 *       variables cannot provide.</li>
 * </ul>
 * A registration flow that names {@code m.login.terms} without any policy configured fails the
 * deployment.
 */
@ApplicationScoped
public class TermsConfig implements ValidatedConfig {

    static final String PREFIX = "gatehouse.registration.terms.";
    static final String POLICIES = PREFIX + "policies";

    private static final Pattern OPAQUE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,255}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_-]{1,35}");

    @Inject
    Config config;

    @Inject
    RegistrationConfig registration;

    private volatile JsonObject params;

    /** The {@code m.login.terms} params: {@code {"policies": {<id>: {"version": …, <lang>: {"name", "url"}}}}}. */
    public JsonObject params() {
        if (params == null) {
            JsonObject policies = read(key -> config.getOptionalValue(key, String.class), config.getPropertyNames(), new ConfigProblems());
            params = JSONP.createObjectBuilder().add("policies", policies).build();
        }
        return params;
    }

    @Override
    public void validate(ConfigProblems problems) {
        JsonObject policies = read(key -> config.getOptionalValue(key, String.class), config.getPropertyNames(), problems);
        requirePoliciesWhenOffered(registration.flows(), policies, problems);
    }

    /** A problem when a registration flow offers {@code m.login.terms} but no policy is configured. */
    static void requirePoliciesWhenOffered(List<List<String>> flows, JsonObject policies, ConfigProblems problems) {
        boolean offered = flows.stream().flatMap(List::stream).anyMatch("m.login.terms"::equals);
        problems.require(!offered || !policies.isEmpty(),
                "gatehouse.registration.flows offers m.login.terms but " + POLICIES + " names no policy");
    }

    /**
     * The policies that {@code lookup} configures, as the {@code policies} object of
     * {@code m.login.terms_params}; every invalid or missing setting is added to {@code problems}.
     *
     * @param lookup        a property's value, or empty when unset
     * @param propertyNames every property name, to find each policy's languages
     */
    static JsonObject read(Function<String, Optional<String>> lookup, Iterable<String> propertyNames,
                           ConfigProblems problems) {
        JsonObjectBuilder policies = JSONP.createObjectBuilder();
        for (String id : list(lookup.apply(POLICIES))) {
            if (!OPAQUE_ID.matcher(id).matches()) {
                problems.require(false, POLICIES + " names '" + id + "', which is not a valid policy ID ([A-Za-z0-9._~-])");
                continue;
            }
            policies.add(id, policy(id, lookup, propertyNames, problems));
        }
        return policies.build();
    }

    private static JsonObject policy(String id, Function<String, Optional<String>> lookup,
                                     Iterable<String> propertyNames, ConfigProblems problems) {
        String prefix = PREFIX + id + ".";
        JsonObjectBuilder policy = JSONP.createObjectBuilder();
        Optional<String> version = lookup.apply(prefix + "version").map(String::trim).filter(v -> !v.isEmpty());
        problems.require(version.isPresent(), prefix + "version must be set for policy " + id);
        problems.require(version.isEmpty() || OPAQUE_ID.matcher(version.get()).matches(),
                prefix + "version must consist of [A-Za-z0-9._~-], was '" + version.orElse("") + "'");
        version.ifPresent(v -> policy.add("version", v));
        TreeSet<String> languages = languages(prefix, lookup, propertyNames);
        problems.require(!languages.isEmpty(), "policy " + id + " needs at least one language: set " + prefix
                + "<lang>.name and " + prefix + "<lang>.url");
        for (String language : languages) {
            String at = prefix + language + ".";
            Optional<String> name = lookup.apply(at + "name").filter(n -> !n.isBlank());
            Optional<String> url = lookup.apply(at + "url").map(String::trim);
            problems.require(LANGUAGE.matcher(language).matches(), "'" + language + "' in " + prefix
                    + "languages is not a language code");
            problems.require(name.isPresent(), at + "name must be set");
            problems.require(url.filter(TermsConfig::isHttpUrl).isPresent(), at + "url must be an http or https URL, was '"
                    + url.orElse("") + "'");
            if (name.isPresent() && url.isPresent()) {
                policy.add(language, JSONP.createObjectBuilder().add("name", name.get()).add("url", url.get()));
            }
        }
        return policy.build();
    }

    private static TreeSet<String> languages(String prefix, Function<String, Optional<String>> lookup,
                                             Iterable<String> propertyNames) {
        Optional<String> explicit = lookup.apply(prefix + "languages");
        if (explicit.isPresent()) {
            return new TreeSet<>(list(explicit));
        }
        TreeSet<String> found = new TreeSet<>();
        for (String name : propertyNames) {
            if (name.startsWith(prefix) && (name.endsWith(".name") || name.endsWith(".url"))) {
                String language = name.substring(prefix.length(), name.lastIndexOf('.'));
                if (LANGUAGE.matcher(language).matches()) {
                    found.add(language);
                }
            }
        }
        return found;
    }

    private static List<String> list(Optional<String> value) {
        return value.map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList())
                .orElse(List.of());
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
