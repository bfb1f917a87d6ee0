package org.gatehouse.sso;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's required-claim rules ({@code gatehouse.sso.provider.<id>.required-claims}, e.g.
 * {@code groups=matrix-users}): a claim that is a list must contain the value, any other claim
 * must equal it (as a string).
 */
final class RequiredClaims {

    private RequiredClaims() {
    }

    /** The first rule that {@code claims} break, as {@code claim=value}; empty when all hold. */
    static Optional<String> firstBroken(Map<String, String> rules, Map<String, Object> claims) {
        return rules.entrySet().stream()
                .filter(rule -> !holds(claims.get(rule.getKey()), rule.getValue()))
                .map(rule -> rule.getKey() + "=" + rule.getValue())
                .findFirst();
    }

    private static boolean holds(Object claim, String required) {
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(value -> value != null && required.equals(value.toString()));
        }
        return claim != null && required.equals(claim.toString());
    }
}
