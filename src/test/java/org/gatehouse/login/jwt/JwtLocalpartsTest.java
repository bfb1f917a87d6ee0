package org.gatehouse.login.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtLocalpartsTest {

    @Test
    void asciiCapitalsAreLowered() {
        assertEquals(Optional.of("alice.smith"), JwtLocalparts.of("Alice.Smith"));
    }

    @Test
    void subjectsThatCanNameNoAccountMapToNothing() {
        assertEquals(Optional.empty(), JwtLocalparts.of("alice:example.org"));
        assertEquals(Optional.empty(), JwtLocalparts.of("al ice"));
        assertEquals(Optional.empty(), JwtLocalparts.of("\u212Aelvin"));
        assertEquals(Optional.empty(), JwtLocalparts.of("élise"));
        assertEquals(Optional.empty(), JwtLocalparts.of(""));
    }

    @Test
    void historicalLocalpartsAreLookedUpButNotCreated() {
        assertEquals(Optional.of("bob!"), JwtLocalparts.of("bob!"));
        assertFalse(JwtLocalparts.creatable("bob!", "example.org"));
        assertTrue(JwtLocalparts.creatable("bob_1=x/y+z-.", "example.org"));
    }

    @Test
    void aLocalpartTooLongForAUserIdIsNotCreated() {
        assertFalse(JwtLocalparts.creatable("a".repeat(250), "example.org"));
        assertTrue(JwtLocalparts.creatable("a".repeat(200), "example.org"));
    }
}
