package org.gatehouse.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.gatehouse.credential.PasswordVerdict.Outcome;
import org.gatehouse.http.error.ErrorBody;
import org.gatehouse.user.User;
import org.junit.jupiter.api.Test;

/** The order and the stopping rules of the password backend chain. */
class PasswordBackendsTest {

    private final List<String> asked = new ArrayList<>();
    private final User alice = new User("alice", null, false, false, 0);

    /** A backend that records being asked and answers {@code answer}. */
    private PasswordBackend backend(String name, Function<Claimant, PasswordVerdict> answer) {
        return new PasswordBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public PasswordVerdict verify(Claimant claimant, String password) {
                asked.add(name);
                return answer.apply(claimant);
            }
        };
    }

    private final PasswordHashing noHashing = new PasswordHashing() {
        @Override
        public void verifyDummy(String password) {
            asked.add("dummy");
        }
    };

    private PasswordBackends chain(PasswordBackend... backends) {
        return new PasswordBackends(List.of(backends), noHashing);
    }

    @Test
    void anUnknownUserIsPassedToTheNextBackend() {
        PasswordVerdict verdict = chain(backend("ldap", c -> PasswordVerdict.unknownUser("ldap")),
                backend("local", c -> PasswordVerdict.verified("local", alice))).verify(Claimant.user("alice"), "pw");

        assertEquals(Outcome.VERIFIED, verdict.outcome());
        assertEquals("local", verdict.backend());
        assertSame(alice, verdict.user());
        assertEquals(List.of("ldap", "local"), asked);
    }

    @Test
    void anUnavailableBackendEndsTheChainSoNoLocalAccountOfTheSameNameIsTried() {
        PasswordVerdict verdict = chain(backend("ldap", c -> PasswordVerdict.unavailable("ldap", "directory_down", 5000)),
                backend("local", c -> PasswordVerdict.verified("local", alice))).verify(Claimant.user("alice"), "pw");

        assertEquals(Outcome.UNAVAILABLE, verdict.outcome());
        assertEquals("ldap", verdict.backend());
        assertEquals(List.of("ldap"), asked);
    }

    @Test
    void aWrongPasswordForAKnownUserEndsTheChain() {
        PasswordVerdict verdict = chain(backend("ldap", c -> PasswordVerdict.wrong("ldap", "wrong_password")),
                backend("local", c -> PasswordVerdict.verified("local", alice))).verify(Claimant.user("alice"), "pw");

        assertEquals(Outcome.WRONG, verdict.outcome());
        assertEquals(List.of("ldap"), asked);
    }

    @Test
    void aNameNoBackendKnowsIsAnUnknownUserOfNoBackend() {
        PasswordVerdict verdict = chain(backend("ldap", c -> PasswordVerdict.unknownUser("ldap")),
                backend("local", c -> PasswordVerdict.unknownUser("local"))).verify(Claimant.email("x@example.org"), "pw");

        assertEquals(Outcome.UNKNOWN_USER, verdict.outcome());
        assertEquals(PasswordBackends.NONE, verdict.backend());
    }

    @Test
    void reauthenticationCountsOnlyTheAccountItself() {
        User other = new User("alice2", null, false, false, 0);
        PasswordBackends chain = chain(backend("ldap", c -> PasswordVerdict.verified("ldap", other)));

        PasswordVerdict verdict = chain.verifyAccount(alice, "pw");

        assertEquals(Outcome.WRONG, verdict.outcome());
        assertEquals("other_account", verdict.reason());
    }

    @Test
    void reauthenticationAsksWithTheLocalpart() {
        List<Claimant> claimants = new ArrayList<>();
        PasswordBackends chain = chain(backend("ldap", c -> {
            claimants.add(c);
            return PasswordVerdict.verified("ldap", alice);
        }));

        assertEquals(Outcome.VERIFIED, chain.verifyAccount(alice, "pw").outcome());
        assertEquals(List.of(Claimant.user("alice")), claimants);
    }

    @Test
    void aNameThatCannotBeAnybodysCostsADummyCheck() {
        PasswordVerdict verdict = chain(backend("local", c -> PasswordVerdict.verified("local", alice))).verifyNobody("pw");

        assertEquals(Outcome.UNKNOWN_USER, verdict.outcome());
        assertEquals(List.of("dummy"), asked);
    }

    @Test
    void anUnavailableAnswerIs503UnknownWithRetryAfter() {
        Response response = ErrorBody.of(PasswordBackends.unavailable(PasswordVerdict.unavailable("ldap", "timeout", 2500)));

        assertEquals(503, response.getStatus());
        assertEquals("3", response.getHeaderString("Retry-After"));
        assertEquals("{\"errcode\":\"M_UNKNOWN\",\"error\":\"The password service is not answering; try again later\",\"retry_after_ms\":2500}",
                response.getEntity());
    }
}
