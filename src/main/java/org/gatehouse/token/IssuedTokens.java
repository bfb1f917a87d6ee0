package org.gatehouse.token;

/**
 * A newly issued access token, with its refresh token when the client asked for one.
 *
 * @param refreshToken {@code null} when not refreshable
 * @param expiresInMs  milliseconds until the access token expires, or {@code null} for never
 */
public record IssuedTokens(String accessToken, String refreshToken, Long expiresInMs) {
}
