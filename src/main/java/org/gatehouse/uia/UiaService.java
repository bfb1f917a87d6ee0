package org.gatehouse.uia;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gatehouse.config.UiaConfig;
import org.gatehouse.credential.PasswordHashing;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.OpaqueTokens;
import org.gatehouse.token.TokenHashes;

/**
 * The User-Interactive Authentication engine (spec: "User-Interactive Authentication API").
 *
 * <p>{@link #authenticate} either returns an {@link UiaOutcome} — the request's {@code auth}
 * completes every stage of one offered flow — or throws the spec's 401 response
 * ({@code flows}, {@code params}, {@code session}, {@code completed}, and {@code errcode}/
 * {@code error} after a failed attempt). Sessions are persisted and expire after
 * {@code gatehouse.uia.session-lifetime-seconds}; each is bound to the operation that started it
 * ({@link UiaOperation.Binding}: method, versionless path and acting user, and for sensitive
 * operations the parameters too), and using it for another operation is 403 {@code M_FORBIDDEN}.
 * A session remembers the operation's parameters and only a hash of its secret, so that a later
 * stage may send only {@code auth}. Stages are the {@link UiaStage} beans, keyed
 * by their type; adding one needs no change here.
 */
@ApplicationScoped
public class UiaService {

    @Inject
    @Any
    Instance<UiaStage> stageBeans;

    @Inject
    UiaSessionRepository sessions;

    @Inject
    UiaConfig config;

    @Inject
    PasswordHashing hasher;

    @Inject
    Clock clock;

    @Inject
    SecureRandom random;

    private Map<String, UiaStage> stages;

    @PostConstruct
    void collectStages() {
        Map<String, UiaStage> found = new HashMap<>();
        stageBeans.forEach(stage -> found.put(stage.type(), stage));
        stages = Map.copyOf(found);
    }

    /** True when a stage of this type exists, so configuration can be checked against it. */
    public boolean supports(String stageType) {
        return stages.containsKey(stageType);
    }

    /**
     * Advances the operation's session with the request's {@code auth}. A session remembers the
     * operation's parameters and a hash of its secret ({@link UiaOperation}): a request without
     * {@code auth} or without {@code auth.session} starts a session that remembers the request's;
     * a request in a session must be the same operation ({@link UiaOperation.Binding}), and for
     * {@link UiaOperation.Binding#ENDPOINT} the parameters it carries replace the remembered ones.
     * A secret that arrives is hashed once: when it is the one the session already holds (its
     * hash verifies), the stored hash is kept, else the new secret's hash replaces it. Stages must
     * be completed in the order of a flow (spec: "User-Interactive Authentication API").
     *
     * @return the outcome once a flow is complete
     * @throws MatrixException 401 with the UIA body while stages remain, after a failed attempt,
     *         and ({@code M_UNAUTHORIZED}) for a stage submitted out of the order of every flow
     *         that contains the stages completed so far; 400 {@code M_UNKNOWN} for an unknown or
     *         expired session; 400 {@code M_UNRECOGNIZED} for a stage type no flow offers; 403
     *         {@code M_FORBIDDEN} when the session belongs to another operation or user; 400
     *         {@code M_BAD_JSON} for a malformed {@code auth}
     */
    @Transactional(dontRollbackOn = MatrixException.class)
    public UiaOutcome authenticate(UiaOperation operation) {
        JsonValue authValue = operation.body().get("auth");
        if (authValue == null || authValue.getValueType() == JsonValue.ValueType.NULL) {
            throw challenge(operation, start(operation, JsonValue.EMPTY_JSON_OBJECT, null), null);
        }
        if (authValue.getValueType() != JsonValue.ValueType.OBJECT) {
            throw MatrixException.badJson("auth must be an object");
        }
        JsonObject auth = authValue.asJsonObject();
        Optional<String> sessionId = optionalString(auth, "session");
        UiaSession session = sessionId.isEmpty() ? start(operation, JsonValue.EMPTY_JSON_OBJECT, null)
                : resume(operation, sessionId.get());
        if (session.result() != null) {
            if (!operation.replayable()) {
                throw challenge(operation, start(operation, remembered(session), session.secretHash()), null);
            }
            return outcome(session);
        }
        Optional<String> type = optionalString(auth, "type");
        if (type.isPresent() && !session.completed().contains(type.get())) {
            attempt(operation, session, type.get(), auth);
        }
        if (completesAFlow(operation, session)) {
            return outcome(session);
        }
        throw challenge(operation, session, null);
    }

    /**
     * Whether the request's {@code auth.session} names a session whose operation already
     * succeeded: callers skip the checks that ran before the first success (a resubmission must
     * return the same result, not fail because the first attempt changed state).
     */
    @Transactional
    public boolean isFinished(JsonObject body) {
        JsonValue auth = body.get("auth");
        if (auth == null || auth.getValueType() != JsonValue.ValueType.OBJECT) {
            return false;
        }
        JsonValue sessionId = auth.asJsonObject().get("session");
        if (sessionId == null || sessionId.getValueType() != JsonValue.ValueType.STRING) {
            return false;
        }
        return sessions.isFinished(auth.asJsonObject().getString("session"));
    }

    /** What a client needs to attempt a stage of this type ({@link UiaStage#params()}); empty for none or an unknown type. */
    public Optional<JsonObject> stageParams(String stageType) {
        return Optional.ofNullable(stages.get(stageType)).flatMap(UiaStage::params);
    }

    /**
     * The session with this id while it can still be advanced (unexpired, its operation not yet
     * succeeded), for pages that complete stages out of band (spec: "Fallback").
     */
    @Transactional
    public Optional<UiaSessionView> activeSession(String sessionId) {
        return sessions.find(sessionId).filter(this::isActive)
                .map(UiaSessionView::of);
    }

    /**
     * Attempts one stage in an existing session without the operation's fingerprint (spec:
     * "Fallback"): the client later resubmits its original request with only the session, and
     * {@link #authenticate} then checks the operation as usual. Completing a stage that no offered
     * flow names has no effect on which flows are complete. Submitting a stage the session has
     * already completed again (a double-click, or back and resubmit) changes nothing and succeeds.
     *
     * @throws MatrixException 404 {@code M_UNRECOGNIZED} for an unknown stage type; 400
     *         {@code M_UNKNOWN} for an unknown, expired or finished session; the stage's own failure
     *         unchanged (401 for a failed attempt that may be retried)
     */
    @Transactional(dontRollbackOn = MatrixException.class)
    public void completeStageForFallback(String sessionId, String stageType, JsonObject auth) {
        UiaStage stage = stages.get(stageType);
        if (stage == null) {
            throw new MatrixException(404, ErrCode.M_UNRECOGNIZED, "Unknown authentication stage " + stageType);
        }
        UiaSession session = sessions.findForUpdate(sessionId).filter(this::isActive)
                .orElseThrow(() -> new MatrixException(400, ErrCode.M_UNKNOWN, "Unknown or expired session"));
        if (session.completed().contains(stageType)) {
            return;
        }
        stage.attempt(auth, UiaSessionView.of(session));
        session.complete(stageType);
    }

    private boolean isActive(UiaSession session) {
        return session.expiresAt() > clock.millis() && session.result() == null;
    }

    /**
     * Records the operation's result in its session, so a resubmission returns the same result.
     * The first time, every stage completed in the session hears of it
     * ({@link UiaStage#onOperationSucceeded}).
     */
    @Transactional
    public void finish(String sessionId, String result) {
        sessions.findForUpdate(sessionId).ifPresent(session -> {
            boolean first = session.result() == null;
            session.finish(result);
            if (first) {
                UiaSessionView view = UiaSessionView.of(session);
                session.completed().stream().map(stages::get).filter(java.util.Objects::nonNull)
                        .forEach(stage -> stage.onOperationSucceeded(view));
            }
        });
    }

    private void attempt(UiaOperation operation, UiaSession session, String type, JsonObject auth) {
        boolean offered = operation.flows().stream().anyMatch(flow -> flow.contains(type));
        UiaStage stage = stages.get(type);
        if (!offered || stage == null) {
            throw new MatrixException(400, ErrCode.M_UNRECOGNIZED, "Authentication stage " + type + " is not offered");
        }
        if (!StageOrder.allows(operation.flows(), session.completed(), type)) {
            throw challenge(operation, session, new MatrixException(401, ErrCode.M_UNAUTHORIZED, "Authentication stage "
                    + type + " is out of the order of every flow that contains the stages completed so far"));
        }
        UiaSessionView view = UiaSessionView.of(session);
        try {
            if (operation.provesUser() && session.userRef() == null) {
                session.prove(stage.attemptProvingUser(auth, view));
            } else {
                stage.attempt(auth, view);
            }
        } catch (MatrixException failure) {
            if (failure.status() == 401) {
                throw challenge(operation, session, failure);
            }
            throw failure;
        }
        session.complete(type);
    }

    /**
     * A new session for the operation, remembering the request's parameters and the hash of its
     * secret, or, when the request carries none, {@code parameters} and {@code secretHash}.
     */
    private UiaSession start(UiaOperation operation, JsonObject parameters, String secretHash) {
        long now = clock.millis();
        sessions.deleteExpired(now);
        JsonObject remembered = operation.parameters() != null ? operation.parameters() : parameters;
        UiaSession session = new UiaSession(OpaqueTokens.generate("uia", random), fingerprint(operation, remembered),
                operation.userRef(), now, now + config.sessionLifetime().toMillis());
        session.remember(CanonicalJson.write(remembered));
        session.describe(OperationDescriptions.describe(operation.method(), operation.path(), remembered));
        session.rememberSecretHash(operation.secret() != null ? hasher.hash(operation.secret()) : secretHash);
        sessions.insert(session);
        return session;
    }

    /**
     * The session, once the request is found to be its operation; the parameters and secret the
     * request carries are remembered.
     */
    private UiaSession resume(UiaOperation operation, String sessionId) {
        UiaSession session = sessions.findForUpdate(sessionId)
                .filter(found -> found.expiresAt() > clock.millis())
                .orElseThrow(() -> new MatrixException(400, ErrCode.M_UNKNOWN, "Unknown or expired session"));
        JsonObject parameters = operation.parameters() != null ? operation.parameters() : remembered(session);
        boolean sameUser = operation.provesUser() || Objects.equals(session.userRef(), operation.userRef());
        if (!session.operationHash().equals(fingerprint(operation, parameters)) || !sameUser) {
            throw MatrixException.forbidden("Requested operation has changed during the UI authentication session");
        }
        if (operation.parameters() != null) {
            session.remember(CanonicalJson.write(operation.parameters()));
        }
        if (operation.secret() != null && (session.secretHash() == null
                || !hasher.verify(operation.secret(), session.secretHash()))) {
            session.rememberSecretHash(hasher.hash(operation.secret()));
        }
        return session;
    }

    private static JsonObject remembered(UiaSession session) {
        return session.parameters() == null ? JsonValue.EMPTY_JSON_OBJECT
                : JSONP.createReader(new StringReader(session.parameters())).readObject();
    }

    private static UiaOutcome outcome(UiaSession session) {
        return new UiaOutcome(session.sessionId(), Optional.ofNullable(session.result()), remembered(session),
                Optional.ofNullable(session.secretHash()), session.userRef());
    }

    private static boolean completesAFlow(UiaOperation operation, UiaSession session) {
        List<String> done = session.completed();
        return operation.flows().stream().anyMatch(done::containsAll);
    }

    private MatrixException challenge(UiaOperation operation, UiaSession session, MatrixException failure) {
        Map<String, Object> body = new LinkedHashMap<>();
        var flows = JSONP.createArrayBuilder();
        operation.flows().forEach(flow -> flows.add(JSONP.createObjectBuilder().add("stages", JSONP.createArrayBuilder(flow))));
        body.put("flows", flows.build());
        body.put("params", params(operation));
        body.put("session", session.sessionId());
        if (!session.completed().isEmpty()) {
            body.put("completed", session.completed());
        }
        if (failure == null) {
            return new ChallengeException(body);
        }
        body.putAll(failure.extra());
        return new MatrixException(401, failure.errCode(), failure.getMessage(), body);
    }

    private JsonObject params(UiaOperation operation) {
        JsonObjectBuilder params = JSONP.createObjectBuilder();
        operation.flows().stream().flatMap(List::stream).distinct()
                .forEach(type -> Optional.ofNullable(stages.get(type)).flatMap(UiaStage::params)
                        .ifPresent(value -> params.add(type, value)));
        return params.build();
    }

    /**
     * What a session is bound to: method, path and acting user, and for
     * {@link UiaOperation.Binding#REQUEST} also the operation's parameters.
     */
    private static String fingerprint(UiaOperation operation, JsonObject parameters) {
        String user = operation.provesUser() ? "proven" : operation.userRef() == null ? "" : operation.userRef().toString();
        String bound = operation.binding() == UiaOperation.Binding.REQUEST ? CanonicalJson.write(parameters) : "";
        return TokenHashes.sha256(operation.method() + "\n" + operation.path() + "\n" + user + "\n" + bound);
    }

    private static Optional<String> optionalString(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw MatrixException.badJson("auth." + key + " must be a string");
        }
        return Optional.of(object.getString(key));
    }
}
