package org.gatehouse.uia;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StageOrder}: the stages of a flow in order (spec: "User-Interactive Authentication API"). */
class StageOrderTest {

    private static final List<List<String>> TOKEN_THEN_TERMS = List.of(List.of("token", "terms"));
    private static final List<List<String>> TOKEN_OR_TERMS_THEN_DUMMY = List.of(List.of("token"),
            List.of("terms", "dummy"));
    private static final List<List<String>> SHARED_FIRST_STAGE = List.of(List.of("a", "b"), List.of("a", "c"));

    @Test
    void theFirstStageOfAFlowIsAllowedFirst() {
        assertTrue(StageOrder.allows(TOKEN_THEN_TERMS, List.of(), "token"));
    }

    @Test
    void aLaterStageBeforeTheFirstIsRefused() {
        assertFalse(StageOrder.allows(TOKEN_THEN_TERMS, List.of(), "terms"));
    }

    @Test
    void theNextStageAfterTheCompletedOnesIsAllowed() {
        assertTrue(StageOrder.allows(TOKEN_THEN_TERMS, List.of("token"), "terms"));
    }

    @Test
    void theFirstStageOfEitherFlowIsAllowedFirst() {
        assertTrue(StageOrder.allows(TOKEN_OR_TERMS_THEN_DUMMY, List.of(), "token"));
        assertTrue(StageOrder.allows(TOKEN_OR_TERMS_THEN_DUMMY, List.of(), "terms"));
    }

    @Test
    void aSecondStageIsRefusedBeforeItsFlowsFirst() {
        assertFalse(StageOrder.allows(TOKEN_OR_TERMS_THEN_DUMMY, List.of(), "dummy"));
    }

    @Test
    void aStageOfAFlowThatLacksACompletedStageIsRefused() {
        assertFalse(StageOrder.allows(TOKEN_OR_TERMS_THEN_DUMMY, List.of("terms"), "token"));
    }

    @Test
    void afterASharedFirstStageEitherSecondStageIsAllowed() {
        assertTrue(StageOrder.allows(SHARED_FIRST_STAGE, List.of("a"), "b"));
        assertTrue(StageOrder.allows(SHARED_FIRST_STAGE, List.of("a"), "c"));
    }

    @Test
    void aStageNoFlowNamesIsRefused() {
        assertFalse(StageOrder.allows(SHARED_FIRST_STAGE, List.of(), "d"));
    }
}
