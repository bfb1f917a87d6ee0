package org.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TermsConfigTest {

    private static JsonObject read(Map<String, String> settings, ConfigProblems problems) {
        return TermsConfig.read(key -> Optional.ofNullable(settings.get(key)), settings.keySet(), problems);
    }

    @Test
    void noPoliciesConfiguredIsAnEmptyObject() {
        ConfigProblems problems = new ConfigProblems();

        assertEquals(JsonObject.EMPTY_JSON_OBJECT, read(Map.of(), problems));
        assertEquals(List.of(), problems.messages());
    }

    @Test
    void policiesWithLanguagesFoundFromPropertyNames() {
        ConfigProblems problems = new ConfigProblems();
        JsonObject policies = read(Map.of(
                "gatehouse.registration.terms.policies", "terms_of_service, privacy_policy",
                "gatehouse.registration.terms.terms_of_service.version", "1.2",
                "gatehouse.registration.terms.terms_of_service.en.name", "Terms of Service",
                "gatehouse.registration.terms.terms_of_service.en.url", "https://example.org/terms-1.2-en.html",
                "gatehouse.registration.terms.terms_of_service.fr.name", "Conditions d'utilisation",
                "gatehouse.registration.terms.terms_of_service.fr.url", "https://example.org/terms-1.2-fr.html",
                "gatehouse.registration.terms.privacy_policy.version", "2",
                "gatehouse.registration.terms.privacy_policy.en.name", "Privacy Policy",
                "gatehouse.registration.terms.privacy_policy.en.url", "http://example.org/privacy-en.html"), problems);

        assertEquals(List.of(), problems.messages());
        assertEquals(Json.createObjectBuilder()
                .add("terms_of_service", Json.createObjectBuilder()
                        .add("version", "1.2")
                        .add("en", Json.createObjectBuilder().add("name", "Terms of Service")
                                .add("url", "https://example.org/terms-1.2-en.html"))
                        .add("fr", Json.createObjectBuilder().add("name", "Conditions d'utilisation")
                                .add("url", "https://example.org/terms-1.2-fr.html")))
                .add("privacy_policy", Json.createObjectBuilder()
                        .add("version", "2")
                        .add("en", Json.createObjectBuilder().add("name", "Privacy Policy")
                                .add("url", "http://example.org/privacy-en.html")))
                .build(), policies);
    }

    @Test
    void explicitLanguagesListIsUsedInsteadOfPropertyNames() {
        Map<String, String> values = Map.of(
                "gatehouse.registration.terms.policies", "tos",
                "gatehouse.registration.terms.tos.version", "1",
                "gatehouse.registration.terms.tos.languages", "en_US",
                "gatehouse.registration.terms.tos.en_US.name", "Terms",
                "gatehouse.registration.terms.tos.en_US.url", "https://example.org/tos");
        ConfigProblems problems = new ConfigProblems();

        JsonObject policies = TermsConfig.read(key -> Optional.ofNullable(values.get(key)), List.of(), problems);

        assertEquals(List.of(), problems.messages());
        assertEquals("https://example.org/tos",
                policies.getJsonObject("tos").getJsonObject("en_US").getString("url"));
    }

    @Test
    void policyWithoutVersionIsAProblem() {
        ConfigProblems problems = new ConfigProblems();
        read(Map.of("gatehouse.registration.terms.policies", "tos",
                "gatehouse.registration.terms.tos.en.name", "Terms",
                "gatehouse.registration.terms.tos.en.url", "https://example.org/tos"), problems);

        assertEquals(1, problems.messages().size(), problems.messages()::toString);
        assertTrue(problems.messages().get(0).contains("gatehouse.registration.terms.tos.version"));
    }

    @Test
    void policyWithoutAnyLanguageIsAProblem() {
        ConfigProblems problems = new ConfigProblems();
        read(Map.of("gatehouse.registration.terms.policies", "tos",
                "gatehouse.registration.terms.tos.version", "1"), problems);

        assertEquals(1, problems.messages().size(), problems.messages()::toString);
        assertTrue(problems.messages().get(0).contains("at least one language"));
    }

    @Test
    void languageWithoutUrlIsAProblem() {
        ConfigProblems problems = new ConfigProblems();
        read(Map.of("gatehouse.registration.terms.policies", "tos",
                "gatehouse.registration.terms.tos.version", "1",
                "gatehouse.registration.terms.tos.en.name", "Terms"), problems);

        assertEquals(1, problems.messages().size(), problems.messages()::toString);
        assertTrue(problems.messages().get(0).contains("gatehouse.registration.terms.tos.en.url"));
    }

    @Test
    void nonHttpUrlIsAProblem() {
        ConfigProblems problems = new ConfigProblems();
        read(Map.of("gatehouse.registration.terms.policies", "tos",
                "gatehouse.registration.terms.tos.version", "1",
                "gatehouse.registration.terms.tos.en.name", "Terms",
                "gatehouse.registration.terms.tos.en.url", "ftp://example.org/tos"), problems);

        assertEquals(1, problems.messages().size(), problems.messages()::toString);
        assertTrue(problems.messages().get(0).contains("http or https"));
    }

    @Test
    void policyIdOutsideTheOpaqueIdentifierGrammarIsAProblem() {
        ConfigProblems problems = new ConfigProblems();
        read(Map.of("gatehouse.registration.terms.policies", "terms of service"), problems);

        assertEquals(1, problems.messages().size(), problems.messages()::toString);
        assertTrue(problems.messages().get(0).contains("not a valid policy ID"));
    }

    @Test
    void flowOfferingTermsWithoutPoliciesIsAProblem() {
        ConfigProblems problems = new ConfigProblems();

        TermsConfig.requirePoliciesWhenOffered(List.of(List.of("m.login.terms", "m.login.dummy")),
                JsonObject.EMPTY_JSON_OBJECT, problems);

        assertEquals(1, problems.messages().size(), problems.messages()::toString);
        assertTrue(problems.messages().get(0).contains("m.login.terms"));
    }

    @Test
    void flowsWithoutTermsNeedNoPolicies() {
        ConfigProblems problems = new ConfigProblems();

        TermsConfig.requirePoliciesWhenOffered(List.of(List.of("m.login.dummy")), JsonObject.EMPTY_JSON_OBJECT, problems);

        assertEquals(List.of(), problems.messages());
    }
}
