package org.gatehouse.uia;

/**
 * What a stage may know about the session it is attempted in.
 *
 * @param sessionId the session's public identifier
 * @param userRef   database id of the user the operation is for, or {@code null} (registration, or
 *                  an operation for the user the stages are to prove)
 * @param description what the session authorises, in words ("delete the device ABC")
 */
public record UiaSessionView(String sessionId, Long userRef, String description) {

    static UiaSessionView of(UiaSession session) {
        return new UiaSessionView(session.sessionId(), session.userRef(), session.description());
    }
}
