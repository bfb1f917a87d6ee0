package org.gatehouse.uia;

/**
 * What a stage may know about the session it is attempted in.
 *
 * @param sessionId the session's public identifier
 * @param userRef   database id of the user the operation is for, or {@code null} (registration)
 */
public record UiaSessionView(String sessionId, Long userRef) {
}
