package org.gatehouse.uia;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * A request that User-Interactive Authentication protects.
 *
 * @param method       HTTP method
 * @param path         the endpoint's path without its version prefix (e.g. {@code /register}), so
 *                     that {@code r0} and {@code v3} requests share sessions
 * @param body         the whole JSON request body, {@code auth} included
 * @param secretFields top-level body fields left out of the session's fingerprint (passwords)
 * @param userRef      database id of the user the operation acts for, or {@code null} (registration)
 * @param flows        the flows offered, each a list of stage types
 * @param replayable   whether a session whose operation already succeeded returns that result
 *                     again (registration), or must authenticate anew (a fresh session is started)
 */
public record UiaOperation(String method, String path, JsonObject body, Set<String> secretFields, Long userRef,
                           List<List<String>> flows, boolean replayable) {
}
