package org.gatehouse.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Produces the sources of time and randomness that the rest of the code injects instead of
 * calling {@code Instant.now()} or {@code new SecureRandom()}, so tests can supply their own.
 */
@ApplicationScoped
public class Randomness {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The one cryptographically strong generator behind tokens, salts, session and device ids. */
    @Produces
    SecureRandom secureRandom() {
        return RANDOM;
    }

    /** Wall-clock time in UTC. */
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
