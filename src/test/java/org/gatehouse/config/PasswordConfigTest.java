package org.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordConfigTest {

    private static ConfigProblems validate(int memoryKib, int iterations, int parallelism) {
        ConfigProblems problems = new ConfigProblems();
        new PasswordConfig(memoryKib, iterations, parallelism, Optional.empty(), 8, false, false, false, false)
                .validate(problems);
        return problems;
    }

    @Test
    void theDefaultCostIsValidWithoutWarning() {
        ConfigProblems problems = validate(19456, 2, 1);

        assertEquals(List.of(), problems.messages());
        assertEquals(List.of(), problems.warnings());
    }

    @Test
    void owaspsCheapestRecommendationHasNoWarning() {
        assertEquals(List.of(), validate(7168, 5, 1).warnings());
    }

    @Test
    void argon2sOwnMinimumIsAllowedWithAWarning() {
        ConfigProblems problems = validate(8, 1, 1);

        assertEquals(List.of(), problems.messages());
        assertEquals(1, problems.warnings().size());
        assertTrue(problems.warnings().get(0).contains("memory-kib=8 with iterations=1"), problems.warnings().get(0));
    }

    @Test
    void lessThanEightKibPerLaneIsAnError() {
        assertEquals(1, validate(7, 1, 1).messages().size());
        assertEquals(1, validate(15, 1, 2).messages().size());
        assertEquals(List.of(), validate(16, 1, 2).messages());
    }

    @Test
    void theErrorNamesTheBoundsForTheConfiguredLanes() {
        String message = validate(8, 1, 4).messages().get(0);

        assertTrue(message.startsWith("gatehouse.passwords.argon2.memory-kib must be between 32 (8 per lane) and "), message);
    }
}
