package org.gatehouse.uia;

import java.util.Optional;

/**
 * A session whose stages complete one of the offered flows.
 *
 * @param sessionId the session's identifier
 * @param result    what {@link UiaService#finish} recorded when the operation first succeeded in
 *                  this session, e.g. the registered user ID; empty before that
 */
public record UiaOutcome(String sessionId, Optional<String> result) {
}
