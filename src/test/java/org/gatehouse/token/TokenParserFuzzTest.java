package org.gatehouse.token;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.token.macaroon.Macaroon;

/**
 * Coverage-guided fuzzing (Jazzer) of the token parsers that see a client's text before anything
 * else: {@link OpaqueTokens#isWellFormed} and {@link Macaroon#deserialize}. Both promise never to
 * throw; any exception fails the test. {@code mvn test} runs the seeds (regression mode);
 * {@code JAZZER_FUZZ=1} fuzzes for at most {@code maxDuration}.
 */
class TokenParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyTextIsParsedWithoutThrowing(String token) {
        OpaqueTokens.isWellFormed(token, "gha");
        OpaqueTokens.isWellFormed(token, TokenService.REFRESH_PREFIX);
        Macaroon.deserialize(token).ifPresent(macaroon -> {
            macaroon.caveats();
            macaroon.serialize();
            macaroon.verify(new byte[] {1}, caveat -> true);
        });
    }
}
