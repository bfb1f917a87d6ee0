package org.gatehouse.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gatehouse.config.UiaConfig;
import org.gatehouse.http.error.DatabaseOutage;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * Registration tokens (spec: "Token-authenticated registration"), counted as Synapse counts them:
 * completing {@code m.login.registration_token} in a UIA session reserves a use ({@code pending}
 * + 1) and remembers the token in the session; the registration succeeding in that session turns
 * it into a completed use ({@code pending} − 1, {@code completed} + 1). A use whose session
 * expired without registering is released ({@code pending} − 1) the next time tokens are read.
 * Also the operations of the Synapse-compatible admin API.
 */
@ApplicationScoped
public class RegistrationTokens {

    @Inject
    RegistrationTokenRepository repository;

    @Inject
    UiaConfig uia;

    @Inject
    Clock clock;

    @Inject
    SecureRandom random;

    /** Whether {@code token} exists and could authenticate a registration now. */
    @Transactional
    public boolean isUsable(String token) {
        long now = releaseExpiredUses();
        return RegistrationTokenRules.isWellFormed(token)
                && repository.find(token).map(found -> usable(found.view(), now)).orElse(false);
    }

    /**
     * Reserves a use of {@code token} for the UIA session {@code sessionId}.
     *
     * @return false when the token is unknown, expired or used up (nothing changes then)
     */
    @Transactional(dontRollbackOn = MatrixException.class)
    public boolean reserve(String token, String sessionId) {
        long now = releaseExpiredUses();
        if (!RegistrationTokenRules.isWellFormed(token)) {
            return false;
        }
        Optional<RegistrationToken> found = repository.findForUpdate(token).filter(t -> usable(t.view(), now));
        found.ifPresent(t -> {
            t.reserve();
            repository.insertUse(new RegistrationTokenUse(sessionId, token, now + uia.sessionLifetime().toMillis()));
        });
        return found.isPresent();
    }

    /** Turns the use reserved by {@code sessionId}, if any, into a completed use. */
    @Transactional(dontRollbackOn = MatrixException.class)
    public void complete(String sessionId) {
        repository.findUseForUpdate(sessionId).ifPresent(use -> {
            repository.deleteUse(use);
            repository.findForUpdate(use.token()).ifPresent(RegistrationToken::complete);
        });
    }

    /**
     * Every token; with {@code valid} present only those that are ({@code true}) or are not
     * ({@code false}) usable now.
     */
    @Transactional
    public List<RegistrationTokenView> list(Optional<Boolean> valid) {
        long now = releaseExpiredUses();
        return repository.findAll().stream().map(RegistrationToken::view)
                .filter(view -> valid.map(wanted -> usable(view, now) == wanted).orElse(true))
                .toList();
    }

    /** @throws MatrixException 404 {@code M_NOT_FOUND} for an unknown token */
    @Transactional
    public RegistrationTokenView get(String token) {
        releaseExpiredUses();
        return existing(token, false).view();
    }

    /**
     * Creates a token: {@code token} as given, or generated with {@code length} characters.
     *
     * @param length      for a generated token; {@code null} for {@link RegistrationTokenRules#DEFAULT_LENGTH}
     * @param usesAllowed {@code null} for unlimited
     * @param expiryTime  ms since the epoch; {@code null} for never
     * @throws MatrixException 400 {@code M_INVALID_PARAM} for a malformed or taken token, a length
     *         outside 1–64, a negative {@code uses_allowed} or an {@code expiry_time} in the past
     */
    @Transactional
    public RegistrationTokenView create(String token, Integer length, Long usesAllowed, Long expiryTime) {
        checkUsesAllowed(usesAllowed);
        checkExpiryTime(expiryTime);
        String chosen = token != null ? token : generated(length);
        if (!RegistrationTokenRules.isWellFormed(chosen)) {
            throw MatrixException.invalidParam("token must be 1 to 64 characters of [A-Za-z0-9._~-]");
        }
        if (repository.exists(chosen)) {
            throw tokenExists(chosen);
        }
        RegistrationToken created = new RegistrationToken(chosen, usesAllowed, expiryTime);
        try {
            repository.insert(created);
        } catch (PersistenceException raced) {
            if (DatabaseOutage.isCause(raced)) {
                throw raced;
            }
            throw tokenExists(chosen);
        }
        return created.view();
    }

    /**
     * Changes a token's limits; a {@code set…} flag false leaves that value as it is, a
     * {@code null} value removes the limit.
     *
     * @throws MatrixException 400 {@code M_MISSING_PARAM} when nothing is to change; 400
     *         {@code M_INVALID_PARAM} for a negative {@code uses_allowed} or an
     *         {@code expiry_time} in the past; 404 {@code M_NOT_FOUND} for an unknown token
     */
    @Transactional
    public RegistrationTokenView update(String token, boolean setUsesAllowed, Long usesAllowed,
                                       boolean setExpiryTime, Long expiryTime) {
        if (!setUsesAllowed && !setExpiryTime) {
            throw MatrixException.missingParam("Nothing to update");
        }
        if (setUsesAllowed) {
            checkUsesAllowed(usesAllowed);
        }
        if (setExpiryTime) {
            checkExpiryTime(expiryTime);
        }
        releaseExpiredUses();
        RegistrationToken found = existing(token, true);
        if (setUsesAllowed) {
            found.usesAllowed(usesAllowed);
        }
        if (setExpiryTime) {
            found.expiryTime(expiryTime);
        }
        return found.view();
    }

    /** @throws MatrixException 404 {@code M_NOT_FOUND} for an unknown token */
    @Transactional
    public void delete(String token) {
        repository.delete(existing(token, true));
    }

    private RegistrationToken existing(String token, boolean forUpdate) {
        Optional<RegistrationToken> found = !RegistrationTokenRules.isWellFormed(token) ? Optional.empty()
                : forUpdate ? repository.findForUpdate(token) : repository.find(token);
        return found.orElseThrow(() -> MatrixException.notFound("No such registration token: " + token));
    }

    /** Releases the uses whose sessions expired without registering; returns the current time. */
    private long releaseExpiredUses() {
        long now = clock.millis();
        for (RegistrationTokenUse use : repository.findExpiredUsesForUpdate(now)) {
            repository.deleteUse(use);
            repository.findForUpdate(use.token()).ifPresent(RegistrationToken::release);
        }
        return now;
    }

    private static boolean usable(RegistrationTokenView token, long now) {
        return RegistrationTokenRules.isUsable(token.usesAllowed(), token.pending(), token.completed(),
                token.expiryTime(), now);
    }

    private String generated(Integer length) {
        int wanted = length == null ? RegistrationTokenRules.DEFAULT_LENGTH : length;
        if (wanted < 1 || wanted > RegistrationTokenRules.MAX_LENGTH) {
            throw MatrixException.invalidParam("length must be greater than zero and not greater than 64");
        }
        return RegistrationTokenRules.generate(wanted, random);
    }

    private static void checkUsesAllowed(Long usesAllowed) {
        if (usesAllowed != null && usesAllowed < 0) {
            throw MatrixException.invalidParam("uses_allowed must be a non-negative integer or null");
        }
    }

    private void checkExpiryTime(Long expiryTime) {
        if (expiryTime != null && expiryTime < clock.millis()) {
            throw MatrixException.invalidParam("expiry_time must not be in the past");
        }
    }

    private static MatrixException tokenExists(String token) {
        return new MatrixException(400, ErrCode.M_INVALID_PARAM, "Token already exists: " + token);
    }
}
