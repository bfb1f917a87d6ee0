package org.gatehouse.uia;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * A session whose stages complete one of the offered flows, and the operation it authenticates.
 *
 * @param sessionId  the session's identifier
 * @param result     what {@link UiaService#finish} recorded when the operation first succeeded in
 *                   this session, e.g. the registered user ID; empty before that
 * @param parameters the operation's parameters: those of this request, or the ones the session
 *                   remembers when this request carries none ({@link UiaOperation#parameters()})
 * @param secretHash the hash of the operation's secret, made when it first arrived in the session
 *                   ({@link org.gatehouse.credential.PasswordHashing#hash}); empty when none was
 *                   ever sent
 * @param userRef    the user the operation acts for: the requester's, or the one the stages proved
 *                   ({@link UiaOperation#provesUser()}); {@code null} for registration
 */
public record UiaOutcome(String sessionId, Optional<String> result, JsonObject parameters,
                         Optional<String> secretHash, Long userRef) {
}
