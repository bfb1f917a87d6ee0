package org.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster mode requires the keys every node must share. */
class ClusterConfigTest {

    private static final String KEY = "k".repeat(32);

    private static final String REFRESH_WARNING = "gatehouse.tokens.refresh-secret is not set: refreshed tokens are"
            + " derived with a random key of this process, so a second node (or this node after a restart) will not"
            + " accept this node's refreshed tokens as a retry; set the same secret on every node";
    private static final String LOGIN_TOKEN_WARNING = "gatehouse.tokens.macaroon.secret-key is not set: login tokens"
            + " are signed with a random key of this process, so a second node (or this node after a restart) will"
            + " not accept this node's login tokens; set the same key on every node";

    private static ConfigProblems validated(boolean enabled, String refreshSecret, String macaroonKey,
                                            boolean loginTokensEnabled) {
        TokenConfig tokens = new TokenConfig();
        tokens.refreshSecret = Optional.ofNullable(refreshSecret);
        MacaroonConfig macaroons = new MacaroonConfig();
        macaroons.secretKey = Optional.ofNullable(macaroonKey);
        LoginTokenConfig loginTokens = new LoginTokenConfig();
        loginTokens.enabled = loginTokensEnabled;
        ConfigProblems problems = new ConfigProblems();
        new ClusterConfig(enabled, tokens, macaroons, loginTokens).validate(problems);
        return problems;
    }

    private static List<String> problems(boolean enabled, String refreshSecret, String macaroonKey) {
        return validated(enabled, refreshSecret, macaroonKey, false).messages();
    }

    @Test
    void singleNodeWithoutRefreshSecretWarnsThatASecondNodeWouldNotAcceptItsTokens() {
        assertEquals(List.of(REFRESH_WARNING), validated(false, null, null, false).warnings());
    }

    @Test
    void singleNodeWithLoginTokensButNoMacaroonKeyWarnsThatASecondNodeWouldNotAcceptThem() {
        assertEquals(List.of(LOGIN_TOKEN_WARNING), validated(false, KEY, " ", true).warnings());
    }

    @Test
    void singleNodeWithBothKeysHasNoWarning() {
        assertEquals(List.of(), validated(false, KEY, KEY, true).warnings());
    }

    @Test
    void singleNodeWithoutLoginTokensNeedsNoMacaroonKey() {
        assertEquals(List.of(), validated(false, KEY, null, false).warnings());
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
