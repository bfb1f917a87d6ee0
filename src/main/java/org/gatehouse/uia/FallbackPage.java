package org.gatehouse.uia;

/**
 * A rendered fallback page.
 *
 * @param status the HTTP status
 * @param html   the complete document
 */
public record FallbackPage(int status, String html) {
}
