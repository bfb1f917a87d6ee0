package org.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster mode requires the keys every node must share. */
class ClusterConfigTest {

    private static final String KEY = "k".repeat(32);

    private static List<String> problems(boolean enabled, String refreshSecret, String macaroonKey) {
        TokenConfig tokens = new TokenConfig();
        tokens.refreshSecret = Optional.ofNullable(refreshSecret);
        MacaroonConfig macaroons = new MacaroonConfig();
        macaroons.secretKey = Optional.ofNullable(macaroonKey);
        ConfigProblems problems = new ConfigProblems();
        new ClusterConfig(enabled, tokens, macaroons).validate(problems);
        return problems.messages();
    }

    @Test
    void singleNodeNeedsNoKeys() {
        assertEquals(List.of(), problems(false, null, null));
    }

    @Test
    void clusterWithBothKeysIsValid() {
        assertEquals(List.of(), problems(true, KEY, KEY));
    }

    @Test
    void clusterWithoutKeysFailsNamingBoth() {
        assertEquals(List.of(
                "gatehouse.tokens.refresh-secret must be set, the same on every node, when gatehouse.cluster.enabled=true",
                "gatehouse.tokens.macaroon.secret-key must be set, the same on every node, when gatehouse.cluster.enabled=true"),
                problems(true, null, " "));
    }
}
