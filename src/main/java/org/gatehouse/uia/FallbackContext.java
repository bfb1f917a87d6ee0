package org.gatehouse.uia;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * What a {@link FallbackForm} may show.
 *
 * @param params the stage's {@code params} as the 401 challenge serves them, if any
 * @param userId the full user ID the session acts for; empty for registration
 */
public record FallbackContext(Optional<JsonObject> params, Optional<String> userId) {
}
