package org.gatehouse.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatehouse.token.macaroon.Macaroon;

/** Minting and checking Gatehouse's macaroons (access and login tokens) with {@link MacaroonKeys}. */
final class Macaroons {

    /** The macaroon identifier, naming the root key generation as Synapse did. */
    static final String IDENTIFIER = "key";

    private Macaroons() {
    }

    /** A serialized macaroon signed with the current key, carrying {@code caveats} in order. */
    static String mint(MacaroonKeys keys, String location, List<String> caveats) {
        Macaroon macaroon = Macaroon.mint(keys.signingKey(), location, IDENTIFIER);
        for (String caveat : caveats) {
            macaroon = macaroon.withFirstPartyCaveat(caveat);
        }
        return macaroon.serialize();
    }

    /**
     * The macaroon {@code token} when it parses, carries {@code type = <type>} and a
     * {@code user_id}, was signed with a key valid at {@code now}, and every caveat holds
     * ({@link MacaroonCaveats}); otherwise empty.
     */
    static Optional<Macaroon> verified(String token, String type, MacaroonKeys keys, Instant now) {
        return verified(token, type, keys, now, now);
    }

    /**
     * As {@link #verified(String, String, MacaroonKeys, Instant)}, with the keys valid at
     * {@code now} but the {@code time <} caveats judged at {@code caveatTime}.
     */
    static Optional<Macaroon> verified(String token, String type, MacaroonKeys keys, Instant now, Instant caveatTime) {
        return Macaroon.deserialize(token)
                .filter(m -> Macaroon.caveatValue(m.caveats(), "type").filter(type::equals).isPresent())
                .filter(m -> Macaroon.caveatValue(m.caveats(), "user_id").isPresent())
                .filter(m -> keys.verificationKeys(now).stream()
                        .anyMatch(key -> m.verify(key, MacaroonCaveats.verifier(type, caveatTime))));
    }
}
