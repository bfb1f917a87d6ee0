package org.gatehouse.credential.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.Map;
import org.gatehouse.credential.Claimant;
import org.gatehouse.credential.ldap.DirectoryAnswer.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The directory's answers, against the UnboundID in-memory directory. */
class DirectoryTest {

    private static TestDirectory ldap;

    @BeforeAll
    static void startDirectory() {
        ldap = new TestDirectory();
    }

    @AfterAll
    static void stopDirectory() {
        ldap.close();
    }

    private static DirectoryAnswer login(Map<String, String> overrides, Claimant who, String password) {
        try (Directory directory = new Directory(TestDirectory.config(ldap.settings(overrides)))) {
            return directory.authenticate(who, password);
        }
    }

    private static DirectoryAnswer login(Claimant who, String password) {
        return login(Map.of(), who, password);
    }

    @Test
    void theRightPasswordVerifiesTheEntryWithItsAttributes() {
        DirectoryAnswer answer = login(Claimant.user("alice"), "alice-pw");

        assertEquals(Kind.VERIFIED, answer.kind());
        assertEquals(new DirectoryEntry("uid=alice,ou=people,dc=example,dc=org", "alice", "Alice Liddell", "Alice@Example.org"), answer.entry());
    }

    @Test
    void aWrongPasswordIsWrongNotAnError() {
        DirectoryAnswer answer = login(Claimant.user("alice"), "nope");

        assertEquals(Kind.WRONG, answer.kind());
        assertEquals("wrong_password", answer.reason());
    }

    @Test
    void aWrongPasswordNamesTheEntryWhateverNameFormFoundIt() {
        Map<String, String> ad = Map.of("localpart", "sAMAccountName");
        for (Claimant claimant : new Claimant[] {Claimant.user("CORP\\alice"), Claimant.user("alice@corp.example.org"), Claimant.email("alice@example.org")}) {
            DirectoryAnswer answer = login(ad, claimant, "nope");
            assertEquals(Kind.WRONG, answer.kind(), claimant::toString);
            assertEquals("alice", answer.entry().name(), claimant::toString);
        }
    }

    @Test
    void aWrongPasswordOfADirectBindNamesTheNameBoundWith() {
        DirectoryAnswer answer = login(Map.of("user-dn-template", "uid={0},ou=people,dc=example,dc=org"), Claimant.user("CORP\\alice"), "nope");

        assertEquals(Kind.WRONG, answer.kind());
        assertEquals(new DirectoryEntry("uid=alice,ou=people,dc=example,dc=org", "alice", null, null), answer.entry());
    }

    @Test
    void anEmptyPasswordIsWrongAndNeverAnAnonymousBind() {
        assertEquals(Kind.WRONG, login(Claimant.user("alice"), "").kind());
        assertEquals("empty_password", login(Claimant.user("alice"), "").reason());
    }

    @Test
    void aNameTheDirectoryDoesNotHaveIsUnknown() {
        assertEquals(Kind.UNKNOWN, login(Claimant.user("zed"), "zed-pw").kind());
    }

    @Test
    void filterCharactersInANameAreEscaped() {
        assertEquals(Kind.UNKNOWN, login(Claimant.user("*"), "alice-pw").kind());
        assertEquals(Kind.UNKNOWN, login(Claimant.user("alice)(uid=*"), "alice-pw").kind());
    }

    @Test
    void namesMatchWithoutRegardToCase() {
        assertEquals(Kind.VERIFIED, login(Claimant.user("ALICE"), "alice-pw").kind());
    }

    @Test
    void anEmailAddressFindsTheEntryByMail() {
        DirectoryAnswer answer = login(Claimant.email("alice@example.org"), "alice-pw");

        assertEquals(Kind.VERIFIED, answer.kind());
        assertEquals("alice", answer.entry().name());
    }

    @Test
    void anAddressTwoEntriesShareLogsNobodyIn() {
        DirectoryAnswer answer = login(Claimant.email("twins@example.org"), "twin1-pw");

        assertEquals(Kind.WRONG, answer.kind());
        assertEquals("ambiguous_name", answer.reason());
    }

    @Test
    void activeDirectoryNamesOfTheConfiguredDomainWork() {
        Map<String, String> ad = Map.of("localpart", "sAMAccountName");

        assertEquals(Kind.VERIFIED, login(ad, Claimant.user("alice"), "alice-pw").kind());
        assertEquals(Kind.VERIFIED, login(ad, Claimant.user("CORP\\alice"), "alice-pw").kind());
        assertEquals(Kind.VERIFIED, login(ad, Claimant.user("corp\\alice"), "alice-pw").kind());
        assertEquals(Kind.VERIFIED, login(ad, Claimant.user("alice@corp.example.org"), "alice-pw").kind());
        assertEquals(Kind.UNKNOWN, login(ad, Claimant.user("OTHER\\alice"), "alice-pw").kind());
    }

    @Test
    void anEntryOutsideTheRequiredGroupCannotLogIn() {
        Map<String, String> group = Map.of("required-filter", TestDirectory.GROUP_FILTER);

        assertEquals(Kind.VERIFIED, login(group, Claimant.user("alice"), "alice-pw").kind());
        DirectoryAnswer carol = login(group, Claimant.user("carol"), "carol-pw");
        assertEquals(Kind.WRONG, carol.kind());
        assertEquals("not_in_required_filter", carol.reason());
    }

    @Test
    void withoutAServiceAccountTheSearchIsAnonymous() {
        Map<String, String> anonymous = new java.util.HashMap<>(ldap.settings(Map.of()));
        anonymous.remove("bind-dn");
        anonymous.remove("bind-password");
        try (Directory directory = new Directory(TestDirectory.config(anonymous))) {
            assertEquals(Kind.VERIFIED, directory.authenticate(Claimant.user("bob"), "bob-pw").kind());
        }
    }

    @Test
    void aWrongServicePasswordMakesTheDirectoryUnavailableNotTheUserWrong() {
        DirectoryAnswer answer = login(Map.of("bind-password", "not-the-service-pw"), Claimant.user("alice"), "alice-pw");

        assertEquals(Kind.UNAVAILABLE, answer.kind());
    }

    @Test
    void aDirectBindByDnTemplateNeedsNoSearch() {
        Map<String, String> direct = Map.of("user-dn-template", "uid={0},ou=people,dc=example,dc=org");

        assertEquals(Kind.VERIFIED, login(direct, Claimant.user("bob"), "bob-pw").kind());
        assertEquals("Bob Builder", login(direct, Claimant.user("bob"), "bob-pw").entry().displayName());
        assertEquals(Kind.WRONG, login(direct, Claimant.user("bob"), "alice-pw").kind());
        assertEquals(Kind.WRONG, login(Map.of("user-dn-template", "uid={0},ou=people,dc=example,dc=org",
                "required-filter", TestDirectory.GROUP_FILTER), Claimant.user("carol"), "carol-pw").kind());
    }

    @Test
    void aDnTemplateEscapesTheName() {
        assertEquals("uid=a\\,b\\+c,ou=people", DirectoryName.boundDn(Claimant.user("a,b+c"),
                TestDirectory.config(Map.of("user-dn-template", "uid={0},ou=people"))).orElseThrow());
    }

    @Test
    void theFirstUriAnsweringServesWhenAnEarlierOneIsDead() {
        String dead = "ldap://127.0.0.1:" + TestDirectory.freePort();

        assertEquals(Kind.VERIFIED, login(Map.of("uris", dead + "," + ldap.uri()), Claimant.user("alice"), "alice-pw").kind());
    }

    @Test
    void aDeadDirectoryIsUnavailableThenServesAgainWithoutANewPool() {
        try (Directory directory = new Directory(TestDirectory.config(ldap.settings(Map.of())))) {
            assertEquals(Kind.VERIFIED, directory.authenticate(Claimant.user("alice"), "alice-pw").kind());
            ldap.stop();
            try {
                DirectoryAnswer down = directory.authenticate(Claimant.user("alice"), "alice-pw");
                assertEquals(Kind.UNAVAILABLE, down.kind());
                assertTrue(down.reason().startsWith("directory_"), down.reason());
            } finally {
                ldap.start();
            }
            assertEquals(Kind.VERIFIED, directory.authenticate(Claimant.user("alice"), "alice-pw").kind());
        }
    }

    @Test
    void aPasswordChangedInTheDirectoryWorksAtOnce() throws Exception {
        try (Directory directory = new Directory(TestDirectory.config(ldap.settings(Map.of())))) {
            assertEquals(Kind.VERIFIED, directory.authenticate(Claimant.user("bob"), "bob-pw").kind());
            ldap.server().modify("uid=bob,ou=people,dc=example,dc=org", new Modification(ModificationType.REPLACE, "userPassword", "bob-new-pw"));
            try {
                assertEquals(Kind.WRONG, directory.authenticate(Claimant.user("bob"), "bob-pw").kind());
                assertEquals(Kind.VERIFIED, directory.authenticate(Claimant.user("bob"), "bob-new-pw").kind());
            } finally {
                ldap.server().modify("uid=bob,ou=people,dc=example,dc=org", new Modification(ModificationType.REPLACE, "userPassword", "bob-pw"));
            }
        }
    }

    @Test
    void standingTellsWhetherAPersonMayStillLogIn() {
        try (Directory directory = new Directory(TestDirectory.config(ldap.settings(Map.of("required-filter", TestDirectory.GROUP_FILTER))))) {
            assertEquals(Kind.FOUND, directory.standing("alice").kind());
            assertEquals(Kind.WRONG, directory.standing("carol").kind());
            assertEquals(Kind.UNKNOWN, directory.standing("nobody").kind());
        }
    }

    @Test
    void findTellsWhetherANameIsTaken() {
        try (Directory directory = new Directory(TestDirectory.config(ldap.settings(Map.of())))) {
            assertEquals(Kind.FOUND, directory.find(Claimant.user("bob")).kind());
            assertEquals(Kind.UNKNOWN, directory.find(Claimant.user("nobody")).kind());
        }
    }
}
