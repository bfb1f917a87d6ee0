package org.gatehouse.token;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.TokenConfig;
import org.gatehouse.device.Device;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.User;
import org.gatehouse.infra.Audit;
import org.gatehouse.infra.metrics.Counter;
import org.gatehouse.infra.metrics.Figure;
import org.gatehouse.infra.metrics.Metrics;

/**
 * Issues, verifies, refreshes and revokes tokens (spec: "Client Authentication", "Using access
 * tokens", "Relationship between access tokens and devices", "Refreshing access tokens", "Soft
 * logout").
 */
@ApplicationScoped
public class TokenService {

    /** Longer values are not tokens this server issued; rejected before any other work. */
    static final int MAX_TOKEN_LENGTH = 4096;

    static final String REFRESH_PREFIX = "ghr";

    @Inject
    @Any
    Instance<AccessTokenStrategy> strategies;

    @Inject
    @Any
    Instance<AccessTokenKind> kindBeans;

    @Inject
    TokenConfig config;

    @Inject
    ServerConfig server;

    @Inject
    AccessTokenRepository accessTokens;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    TokenRetirement retirement;

    @Inject
    LoginTokens loginTokens;

    @Inject
    TokenCache cache;

    @Inject
    RefreshDerivation derivation;

    @Inject
    Clock clock;

    @Inject
    SecureRandom random;

    @Inject
    Audit audit;

    @Inject
    Metrics metrics;

    private Map<String, AccessTokenStrategy> byFormat;
    private List<AccessTokenKind> kinds;
    private Counter validChecks;

    @PostConstruct
    void collectStrategies() {
        Map<String, AccessTokenStrategy> found = new LinkedHashMap<>();
        strategies.forEach(strategy -> found.put(strategy.format(), strategy));
        byFormat = Map.copyOf(found);
        kinds = kindBeans.stream().toList();
        validChecks = metrics.counter(Figure.TOKEN_CHECKS, "valid");
    }

    /**
     * Issues a new access token for {@code device} in the configured format, with a refresh token
     * when {@code refreshable}, and stores their hashes.
     */
    @Transactional
    public IssuedTokens issue(User user, Device device, boolean refreshable) {
        return issuePair(user, device, OpaqueTokens.randomPart(random),
                refreshable ? OpaqueTokens.randomPart(random) : null, null, expiryFromNow(refreshable)).tokens();
    }

    /**
     * Issues an access token without a refresh token for {@code device} that expires at
     * {@code expiresAt} (epoch milliseconds), or as the server's lifetime for such tokens says when
     * {@code null}: an admin's session as a user (Synapse's "Login as a user", {@code valid_until_ms}).
     */
    @Transactional
    public IssuedTokens issueUntil(User user, Device device, Long expiresAt) {
        return issuePair(user, device, OpaqueTokens.randomPart(random), null, null,
                expiresAt != null ? expiresAt : expiryFromNow(false)).tokens();
    }

    /**
     * Exchanges a refresh token for a new pair on the same device (spec: {@code POST /refresh}).
     * Until the new pair is first used, refreshing the same token again returns the same pair;
     * after that, presenting it is a replay, which revokes every token of the device.
     *
     * @throws MatrixException 401 {@code M_UNKNOWN_TOKEN} ({@code soft_logout: false}) for an
     *         unknown, revoked or replayed refresh token; 401 {@code M_USER_LOCKED}
     *         ({@code soft_logout: true}) while the account is locked (spec: "Account locking"),
     *         the refresh token staying valid for when it is unlocked
     */
    @Transactional(dontRollbackOn = MatrixException.class)
    public IssuedTokens refresh(String refreshToken) {
        if (!OpaqueTokens.isWellFormed(refreshToken, REFRESH_PREFIX)) {
            throw unknownToken(false, "Unrecognised refresh token");
        }
        RefreshToken presented = refreshTokens.findForUpdate(TokenHashes.sha256(refreshToken))
                .orElseThrow(() -> unknownToken(false, "Unrecognised refresh token"));
        if (presented.revoked()) {
            revokeDevice(presented.device().id());
            audit.refreshTokenReplayed(userId(presented.user().localpart()), presented.device().deviceId());
            throw unknownToken(false, "Refresh token was already used; the session has been revoked");
        }
        if (presented.user().locked()) {
            throw MatrixException.userLocked();
        }
        audit.tokenRefreshed(userId(presented.user().localpart()), presented.device().deviceId());
        refreshTokens.findLivePredecessor(presented.id()).ifPresent(retirement::retire);
        if (presented.successorRef() != null) {
            String nextRefresh = OpaqueTokens.assemble(REFRESH_PREFIX, derivation.refreshPart(refreshToken));
            RefreshToken successor = refreshTokens.findById(presented.successorRef()).orElse(null);
            if (successor != null && successor.tokenHash().equals(TokenHashes.sha256(nextRefresh))) {
                return reissue(presented, successor, refreshToken, nextRefresh);
            }
            if (successor != null) {
                retirement.retire(successor.id());
            }
        }
        Issued pair = issuePair(presented.user(), presented.device(), derivation.accessNonce(refreshToken),
                derivation.refreshPart(refreshToken), presented.id(), expiryFromNow(true));
        presented.succeededBy(pair.refreshRef());
        return pair.tokens();
    }

    /**
     * The requester that {@code token} authenticates. The first use of an access token obtained
     * by refreshing retires the refresh token it replaced.
     *
     * <p>A token whose row {@link TokenCache} still trusts is not checked again by its strategy:
     * the row was cached under the SHA-256 of this very token after the strategy had verified it
     * (checksum or macaroon signature), and its expiry is checked below from the row, which holds
     * the same instant as a macaroon's {@code time <} caveat. A macaroon signed with a key whose
     * grace period ends while its row is cached is therefore refused at most one cache TTL late.
     * Any other token is offered to each {@link AccessTokenKind} (which may honour
     * {@code assertion}) before the issued formats; ordinary tokens ignore {@code assertion}.
     *
     * @throws MatrixException 401 {@code M_UNKNOWN_TOKEN} when the token is malformed, unknown,
     *         revoked or belongs to a deactivated account ({@code soft_logout: false}, even when it
     *         has also expired), or has expired while its session lives on ({@code soft_logout:
     *         true}); what an {@link AccessTokenKind} throws
     */
    public Requester authenticate(String token, IdentityAssertion assertion) {
        try {
            Requester requester = verify(token, assertion);
            validChecks.increment();
            return requester;
        } catch (MatrixException refused) {
            metrics.counter(Figure.TOKEN_CHECKS, checkOutcome(refused)).increment();
            throw refused;
        }
    }

    /**
     * The {@link Figure#TOKEN_CHECKS} outcome of a refused token: {@code invalid}, {@code expired},
     * or the errcode without {@code M_} in lower case (e.g. {@code user_locked}).
     */
    static String checkOutcome(MatrixException refused) {
        if (refused.errCode() != ErrCode.M_UNKNOWN_TOKEN) {
            return refused.errCode().name().replaceFirst("^M_", "").toLowerCase(Locale.ROOT);
        }
        return Boolean.TRUE.equals(refused.extra().get("soft_logout")) ? "expired" : "invalid";
    }

    private Requester verify(String token, IdentityAssertion assertion) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw unknownToken(false, "Unrecognised access token");
        }
        String tokenHash = TokenHashes.sha256(token);
        TokenOwner owner = cache.trusted(tokenHash).orElse(null);
        if (owner == null) {
            for (AccessTokenKind kind : kinds) {
                Optional<Requester> requester = kind.authenticate(tokenHash, assertion);
                if (requester.isPresent()) {
                    return requester.get();
                }
            }
            owner = verifiedOwner(token, tokenHash);
        }
        if (owner.deactivated()) {
            throw unknownToken(false, "Unrecognised access token");
        }
        if (owner.expiresAt() != null && owner.expiresAt() <= clock.millis()) {
            throw unknownToken(true, "Access token has expired");
        }
        if (owner.retiresRefreshRef() != null) {
            retirement.onFirstUse(owner.tokenId(), owner.retiresRefreshRef());
        }
        return new Requester(owner.userRef(), userId(owner.localpart()), owner.deviceRef(), owner.deviceId(),
                owner.tokenId(), owner.guest(), owner.admin(), null, owner.locked(), owner.suspended());
    }

    /** The owner of {@code token} after its strategy has verified it, from the database (and then cached). */
    private TokenOwner verifiedOwner(String token, String tokenHash) {
        AccessTokenStrategy strategy = byFormat.values().stream()
                .filter(candidate -> candidate.recognises(token))
                .findFirst()
                .orElseThrow(() -> unknownToken(false, "Unrecognised access token"));
        switch (strategy.verifyWithoutDatabase(token, clock.instant())) {
            case FAILS -> throw unknownToken(false, "Unrecognised access token");
            case EXPIRED -> throw resumable(tokenHash)
                    ? unknownToken(true, "Access token has expired")
                    : unknownToken(false, "Unrecognised access token");
            case PASSES -> { }
        }
        return cache.load(tokenHash, accessTokens::findOwner)
                .orElseThrow(() -> unknownToken(false, "Unrecognised access token"));
    }

    /**
     * Whether the session of an access token that has expired can still be resumed, which is what
     * {@code soft_logout: true} tells the client: its row still exists (it was not logged out,
     * its device was not deleted) and its account is not deactivated. A revoked token is refused
     * with {@code soft_logout: false} whether or not it has also expired.
     */
    private boolean resumable(String tokenHash) {
        return accessTokens.findOwner(tokenHash).filter(owner -> !owner.deactivated()).isPresent();
    }

    /**
     * The account's row changed in what a token's owner carries (locked, suspended, admin): every
     * node's {@link TokenCache} stops trusting the rows it read of the user's tokens, when this is
     * called and again when the calling transaction commits, so the change applies to the very
     * next request. No token is revoked. Call it inside the transaction that changes the row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accountChanged(long userRef) {
        cache.userRevoked(userRef);
    }

    /** Revokes every access and refresh token of the device. */
    @Transactional
    public void revokeDevice(long deviceRef) {
        cache.deviceRevoked(deviceRef);
        accessTokens.deleteByDevice(deviceRef);
        refreshTokens.deleteByDevice(deviceRef);
    }

    /** Revokes every access, refresh and unused login token of the user. */
    @Transactional
    public void revokeUser(long userRef) {
        cache.userRevoked(userRef);
        accessTokens.deleteByUser(userRef);
        refreshTokens.deleteByUser(userRef);
        loginTokens.revokeAll(userRef);
    }

    /** Revokes one access token. */
    @Transactional
    public void revokeAccessToken(long tokenRef) {
        cache.tokenRevoked(tokenRef);
        accessTokens.deleteById(tokenRef);
    }

    private IssuedTokens reissue(RefreshToken presented, RefreshToken successor, String refreshToken, String nextRefresh) {
        Long expiresAt = accessTokens.findExpiryByRefreshToken(successor.id()).orElse(null);
        String access = mint(presented.user(), presented.device(), derivation.accessNonce(refreshToken), expiresAt);
        return new IssuedTokens(access, nextRefresh, expiresAt == null ? null : Math.max(0, expiresAt - clock.millis()));
    }

    /** An issued pair and the database id of its refresh token ({@code null} when not refreshable). */
    private record Issued(IssuedTokens tokens, Long refreshRef) {
    }

    /**
     * Stores and returns a new pair.
     *
     * @param refreshPart the secret part of the refresh token, or {@code null} for no refresh token
     */
    private Issued issuePair(User user, Device device, String accessNonce, String refreshPart,
                             Long retiresRefreshRef, Long expiresAt) {
        RefreshToken refresh = null;
        String refreshValue = null;
        if (refreshPart != null) {
            refreshValue = OpaqueTokens.assemble(REFRESH_PREFIX, refreshPart);
            refresh = new RefreshToken(TokenHashes.sha256(refreshValue), user, device, clock.millis());
            refreshTokens.insert(refresh);
        }
        String access = mint(user, device, accessNonce, expiresAt);
        accessTokens.insert(new AccessToken(TokenHashes.sha256(access), user, device, refresh, retiresRefreshRef,
                clock.millis(), expiresAt));
        Long expiresInMs = expiresAt == null ? null : expiresAt - clock.millis();
        return new Issued(new IssuedTokens(access, refreshValue, expiresInMs), refresh == null ? null : refresh.id());
    }

    private String mint(User user, Device device, String nonce, Long expiresAt) {
        return issuing().mint(new TokenClaims(userId(user.localpart()), device.deviceId(), expiresAt, nonce));
    }

    private Long expiryFromNow(boolean refreshable) {
        return config.accessTokenLifetime(refreshable).map(Duration::toMillis).map(ms -> clock.millis() + ms).orElse(null);
    }

    private String userId(String localpart) {
        return "@" + localpart + ":" + server.serverName();
    }

    private AccessTokenStrategy issuing() {
        AccessTokenStrategy strategy = byFormat.get(config.format());
        if (strategy == null) {
            throw new IllegalStateException("No access token strategy for format " + config.format()
                    + "; known: " + byFormat.keySet());
        }
        return strategy;
    }

    private static MatrixException unknownToken(boolean softLogout, String message) {
        return new MatrixException(401, ErrCode.M_UNKNOWN_TOKEN, message, Map.of("soft_logout", softLogout));
    }
}
