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
 * by a fingerprint of its method, path and body.
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

    @Column(name = "user_id", updatable = false)
    private Long userRef;

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
