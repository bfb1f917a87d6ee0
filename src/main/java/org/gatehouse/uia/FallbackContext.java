package org.gatehouse.uia;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * What a {@link FallbackForm} may show.
 *
 * @param params the stage's {@code params} as the 401 challenge serves them, if any
 * @param userId the full user ID the session acts for; empty for registration
 * @param operation what the session authorises, in words ("deactivate your account"), if known
 */
public record FallbackContext(Optional<JsonObject> params, Optional<String> userId, Optional<String> operation) {
}
