package org.gatehouse.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.LimitRate;
import org.gatehouse.user.UserId;

/**
 * Section {@code gatehouse.rate-limits.*}:
 * <ul>
 *   <li>{@code enabled} (true): false switches every limit off at once (for load tests);</li>
 *   <li>{@code exempt-users} (none): comma-separated user IDs whose own requests (and admins') are not
 *       limited, except by {@code login.failed-attempts};</li>
 *   <li>{@code <limit>.per-second} and {@code <limit>.burst} for each {@link LimitName}, defaulting
 *       to Synapse's values: tokens regained per second (&gt; 0) and bucket size (&ge; 1).</li>
 * </ul>
 */
@ApplicationScoped
public class RateLimitConfig implements ValidatedConfig {

    static final String PREFIX = "gatehouse.rate-limits.";

    @Inject
    @ConfigProperty(name = "gatehouse.rate-limits.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "gatehouse.rate-limits.exempt-users")
    Optional<String> exemptUsers;

    @Inject
    Config config;

    private final Map<LimitName, LimitRate> rates = new EnumMap<>(LimitName.class);
    private final List<String> problems = new ArrayList<>();

    @PostConstruct
    void readRates() {
        for (LimitName limit : LimitName.values()) {
            LimitRate fallback = limit.defaultRate();
            double perSecond = read(limit, "per-second", Double.class, fallback.perSecond());
            long burst = read(limit, "burst", Long.class, fallback.burst());
            rates.put(limit, new LimitRate(perSecond, burst));
        }
    }

    private <T> T read(LimitName limit, String part, Class<T> type, T fallback) {
        String key = PREFIX + limit.configName() + "." + part;
        try {
            return config.getOptionalValue(key, type).orElse(fallback);
        } catch (IllegalArgumentException e) {
            problems.add(key + " is not a number");
            return fallback;
        }
    }

    /** Whether rate limiting is on. */
    public boolean enabled() {
        return enabled;
    }

    /** The configured rate of {@code limit}. */
    public LimitRate rate(LimitName limit) {
        return rates.get(limit);
    }

    /** The user IDs never limited. */
    public Set<String> exemptUsers() {
        return Arrays.stream(exemptUsers.orElse("").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void validate(ConfigProblems problems) {
        this.problems.forEach(message -> problems.require(false, message));
        rates.forEach((limit, rate) -> {
            String key = PREFIX + limit.configName();
            problems.require(rate.perSecond() > 0 && rate.perSecond() <= 1_000_000,
                    key + ".per-second must be above 0 and at most 1000000, was " + rate.perSecond());
            problems.require(rate.burst() >= 1 && rate.burst() <= 1_000_000,
                    key + ".burst must be between 1 and 1000000, was " + rate.burst());
        });
        exemptUsers().forEach(user -> problems.require(UserId.parse(user).isPresent(),
                "gatehouse.rate-limits.exempt-users must list user IDs, had " + user));
    }
}
