package org.gatehouse.uia;

/**
 * What a stage may know about the session it is attempted in.
 *
 * @param sessionId the session's public identifier
 * @param userRef   database id of the user the operation is for, or {@code null} (registration, or
 *                  an operation for the user the stages are to prove)
 */
public record UiaSessionView(String sessionId, Long userRef) {
}
