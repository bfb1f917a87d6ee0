package org.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtConfigTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static JwtConfig config(boolean enabled, String secret, String jwksUrl, String algorithm, String audiences) {
        return new JwtConfig(enabled, Optional.ofNullable(secret), Optional.empty(), Optional.ofNullable(jwksUrl), algorithm,
                " sub ", Optional.empty(), Optional.ofNullable(audiences), true, false, 60);
    }

    private static List<String> problems(JwtConfig config) {
        ConfigProblems problems = new ConfigProblems();
        config.validate(problems);
        return problems.messages();
    }

    @Test
    void listsAreCommaSeparatedStrings() {
        JwtConfig config = config(true, null, "https://idp.example.org/jwks", " RS256 , ES256 ", "matrix, chat,");
        assertEquals(List.of("RS256", "ES256"), config.settings().algorithms());
        assertEquals(List.of("matrix", "chat"), config.settings().audiences());
        assertEquals("sub", config.settings().subjectClaim());
        assertEquals(List.of(), problems(config));
    }

    @Test
    void anEmptyValueUnsetsASetting() {
        JwtConfig config = config(true, SECRET, "", "HS256", "");
        assertNull(config.settings().jwksUrl());
        assertEquals(List.of(), config.settings().audiences());
        assertEquals(List.of(), problems(config));
    }

    @Test
    void invalidCombinationsAreReportedAsDeploymentProblems() {
        List<String> problems = problems(config(true, "short", null, "HS256", null));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("gatehouse.jwt.secret is too short"), problems.get(0));
        assertEquals(List.of(), problems(config(false, "short", null, "HS256", null)));
    }
}
