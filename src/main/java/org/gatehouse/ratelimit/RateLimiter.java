package org.gatehouse.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.gatehouse.config.RateLimitConfig;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.user.User;

/**
 * The rate limits of Gatehouse (spec: "Rate limiting"): the one place callers ask whether an
 * action may proceed. Buckets live in the {@link RateLimitStore}; their shapes come from
 * {@link RateLimitConfig}. Limits of {@link LimitName.KeyKind#ADDRESS} are keyed by the client
 * address of the current request (an IPv6 client by its /64 network); those of
 * {@link LimitName.KeyKind#USER} by the full user ID the caller passes.
 *
 * <p>Nothing is limited when {@code gatehouse.rate-limits.enabled} is false. A request made by an
 * admin or a user of {@code gatehouse.rate-limits.exempt-users} is exempt from every limit but
 * {@link LimitName#LOGIN_FAILED_ATTEMPTS}: exemption follows who makes the request, never whose
 * bucket it is, so an admin's password is guessed no faster than anybody's, at login or (with a
 * stolen access token) in a UIA password stage. An application service registered with
 * {@code rate_limited: false} is limited by nothing but {@link LimitName#LOGIN_FAILED_ATTEMPTS},
 * and its requests take no token from the other buckets. A refusal is 429 {@code M_LIMIT_EXCEEDED}
 * with {@code retry_after_ms} (the error mapper adds {@code Retry-After} in whole seconds) and an
 * audit line.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    RateLimitConfig config;

    @Inject
    RateLimitStore store;

    @Inject
    RequestContext context;

    @Inject
    ServerConfig server;

    @Inject
    Audit audit;

    /**
     * Takes one token from the client address's bucket of an {@code ADDRESS} limit.
     *
     * @throws MatrixException 429 {@code M_LIMIT_EXCEEDED} when the bucket is empty
     */
    public void consume(LimitName limit) {
        consume(limit, address());
    }

    /**
     * Takes one token from {@code key}'s bucket.
     *
     * @throws MatrixException 429 {@code M_LIMIT_EXCEEDED} when the bucket is empty
     */
    public void consume(LimitName limit, String key) {
        if (!config.enabled() || unlimitedAppService(limit)) {
            return;
        }
        refuseUnlessExempt(limit, key, store.tryConsume(limit, config.rate(limit), key));
    }

    /**
     * Throws when the client address's bucket of an {@code ADDRESS} limit is empty; takes nothing.
     *
     * @throws MatrixException 429 {@code M_LIMIT_EXCEEDED}
     */
    public void check(LimitName limit) {
        check(limit, address());
    }

    /**
     * Throws when {@code key}'s bucket is empty; takes nothing. Call it before expensive work
     * whose failure {@link #recordFailure} counts.
     *
     * @throws MatrixException 429 {@code M_LIMIT_EXCEEDED}
     */
    public void check(LimitName limit, String key) {
        if (!config.enabled() || unlimitedAppService(limit)) {
            return;
        }
        refuseUnlessExempt(limit, key, store.probe(limit, config.rate(limit), key));
    }

    /** Takes one token from {@code key}'s bucket if it has one; never throws. */
    public void recordFailure(LimitName limit, String key) {
        if (config.enabled()) {
            store.tryConsume(limit, config.rate(limit), key);
        }
    }

    /** The key of {@code USER} limits for a local user: the full user ID. */
    public String userKey(String localpart) {
        return "@" + localpart + ":" + server.serverName();
    }

    /** The key of {@code USER} limits for {@code user}. */
    public String userKey(User user) {
        return userKey(user.localpart());
    }

    private void refuseUnlessExempt(LimitName limit, String key, Verdict verdict) {
        if (verdict.allowed() || exempt(limit)) {
            return;
        }
        audit.rateLimited(limit.configName(), key);
        throw new MatrixException(429, ErrCode.M_LIMIT_EXCEEDED, "Too many requests",
                Map.of("retry_after_ms", verdict.retryAfterMs()));
    }

    /**
     * Whether the request is made by an exempt user (an admin or one of {@code exempt-users}) and
     * {@code limit} is one they are exempt from: any but {@link LimitName#LOGIN_FAILED_ATTEMPTS}.
     */
    private boolean exempt(LimitName limit) {
        if (limit == LimitName.LOGIN_FAILED_ATTEMPTS) {
            return false;
        }
        Requester requester = context.optionalRequester().orElse(null);
        return requester != null && (requester.admin() || config.exemptUsers().contains(requester.userId()));
    }

    /**
     * Whether the request is made by an application service registered with
     * {@code rate_limited: false}, which {@code limit} does not apply to: such requests take no
     * token, so a busy bridge never empties the buckets of the people at its address.
     */
    private boolean unlimitedAppService(LimitName limit) {
        Requester requester = context.optionalRequester().orElse(null);
        return requester != null && requester.isAppService() && !requester.appService().rateLimited()
                && limit != LimitName.LOGIN_FAILED_ATTEMPTS;
    }

    /** The key of the client address: the address, or its /64 network for IPv6 ({@link AddressKeys}). */
    private String address() {
        return AddressKeys.of(context.clientAddress());
    }
}
