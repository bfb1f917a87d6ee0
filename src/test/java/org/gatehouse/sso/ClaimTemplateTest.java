package org.gatehouse.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimTemplateTest {

    @Test
    void placeholdersAreReplacedByClaimValues() {
        assertEquals("Ada Lovelace", ClaimTemplate.render("{given_name} {family_name}",
                Map.of("given_name", "Ada", "family_name", "Lovelace")));
    }

    @Test
    void missingAndStructuredClaimsRenderAsNothing() {
        assertEquals("x", ClaimTemplate.render("{missing}x{groups}", Map.of("groups", List.of("a"))));
    }

    @Test
    void replacementTextIsNotInterpretedAsRegexGroups() {
        assertEquals("$1\\", ClaimTemplate.render("{u}", Map.of("u", "$1\\")));
    }

    @Test
    void localpartDowncasesAscii() {
        assertEquals("ada.lovelace", ClaimTemplate.localpart("Ada.Lovelace"));
    }

    @Test
    void localpartEscapesOtherCharactersAsUtf8Bytes() {
        assertEquals("j=c3=b6rg=20=3d=40x", ClaimTemplate.localpart("jörg =@x"));
    }
}
