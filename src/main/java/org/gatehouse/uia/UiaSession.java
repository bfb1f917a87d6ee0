package org.gatehouse.uia;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A persisted User-Interactive Authentication session, bound to the operation that started it
 * by a fingerprint ({@link UiaOperation.Binding}). It remembers the operation's parameters as
 * canonical JSON and a hash of its secret, never the secret itself.
 */
@Entity
@Table(name = "gh_uia_session")
@NamedQuery(name = UiaSession.FIND_BY_SESSION_ID, query = "select s from UiaSession s where s.sessionId = :sessionId")
@NamedQuery(name = UiaSession.COUNT_FINISHED,
        query = "select count(s) from UiaSession s where s.sessionId = :sessionId and s.result is not null")
@NamedQuery(name = UiaSession.DELETE_EXPIRED, query = "delete from UiaSession s where s.expiresAt < :now")
class UiaSession {

    static final String FIND_BY_SESSION_ID = "UiaSession.findBySessionId";
    static final String DELETE_EXPIRED = "UiaSession.deleteExpired";
    static final String COUNT_FINISHED = "UiaSession.countFinished";

    @Id
    @SequenceGenerator(name = "gh_uia_session_id", sequenceName = "gh_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gh_uia_session_id")
    private Long id;

    @Column(name = "session_id", nullable = false, updatable = false)
    private String sessionId;

    @Column(name = "operation_hash", nullable = false, updatable = false)
    private String operationHash;

    @Column(name = "user_id")
    private Long userRef;

    private String parameters;

    @Column(name = "secret_hash")
    private String secretHash;

    private String description;

    @Column(nullable = false)
    private String completed = "";

    private String result;

    @Column(name = "created_at", nullable = false, updatable = false)
    private long createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private long expiresAt;

    protected UiaSession() {
    }

    UiaSession(String sessionId, String operationHash, Long userRef, long createdAt, long expiresAt) {
        this.sessionId = sessionId;
        this.operationHash = operationHash;
        this.userRef = userRef;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String sessionId() {
        return sessionId;
    }

    String operationHash() {
        return operationHash;
    }

    Long userRef() {
        return userRef;
    }

    /** The user the operation acts for: the requester's, or the one a stage proved; {@code null} for none yet. */
    void prove(long userRef) {
        this.userRef = userRef;
    }

    /** The remembered parameters as canonical JSON, or {@code null} when none were remembered. */
    String parameters() {
        return parameters;
    }

    void remember(String parameters) {
        this.parameters = parameters;
    }

    /** What the session authorises, in words ({@link OperationDescriptions}). */
    String description() {
        return description;
    }

    void describe(String description) {
        this.description = description;
    }

    /** The hash of the operation's secret, or {@code null} when none was sent. */
    String secretHash() {
        return secretHash;
    }

    void rememberSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    long expiresAt() {
        return expiresAt;
    }

    List<String> completed() {
        return completed.isEmpty() ? List.of() : Arrays.asList(completed.split(","));
    }

    void complete(String stageType) {
        List<String> stages = new ArrayList<>(completed());
        if (!stages.contains(stageType)) {
            stages.add(stageType);
            completed = String.join(",", stages);
        }
    }

    String result() {
        return result;
    }

    void finish(String result) {
        this.result = result;
    }
}
