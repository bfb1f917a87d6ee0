package org.gatehouse.token;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * The first-party caveats Gatehouse writes into macaroons, as Synapse wrote them:
 * {@code gen = 1}, {@code type = access|login}, {@code user_id = @u:server},
 * {@code device_id = D}, {@code nonce = N} and {@code time < epoch-ms}. A verifier accepts exactly
 * these; any other caveat fails verification.
 */
final class MacaroonCaveats {

    static final String GENERATION = "gen = 1";

    private MacaroonCaveats() {
    }

    /** Satisfied by Gatehouse's caveats for a macaroon of {@code type} that has not expired at {@code now}. */
    static Predicate<String> verifier(String type, Instant now) {
        return caveat -> {
            if (caveat.equals(GENERATION) || caveat.equals("type = " + type)) {
                return true;
            }
            if (caveat.startsWith("time < ")) {
                try {
                    return now.toEpochMilli() < Long.parseLong(caveat.substring("time < ".length()));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return caveat.startsWith("user_id = ") || caveat.startsWith("device_id = ") || caveat.startsWith("nonce = ");
        };
    }
}
