package org.gatehouse.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequiredClaimsTest {

    private static final Map<String, String> RULES = Map.of("groups", "matrix-users");

    @Test
    void aListClaimContainingTheValueHolds() {
        assertEquals(Optional.empty(), RequiredClaims.firstBroken(RULES, Map.of("groups", List.of("staff", "matrix-users"))));
    }

    @Test
    void aListClaimWithoutTheValueBreaksTheRule() {
        assertEquals(Optional.of("groups=matrix-users"), RequiredClaims.firstBroken(RULES, Map.of("groups", List.of("staff"))));
    }

    @Test
    void aMissingClaimBreaksTheRule() {
        assertEquals(Optional.of("groups=matrix-users"), RequiredClaims.firstBroken(RULES, Map.of()));
    }

    @Test
    void aScalarClaimMustEqualTheValue() {
        assertEquals(Optional.empty(), RequiredClaims.firstBroken(Map.of("tenant", "acme"), Map.of("tenant", "acme")));
        assertEquals(Optional.of("tenant=acme"), RequiredClaims.firstBroken(Map.of("tenant", "acme"), Map.of("tenant", "acme2")));
    }
}
