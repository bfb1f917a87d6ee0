package org.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gatehouse.user.UserIdFilter.Kind;
import org.junit.jupiter.api.Test;

class UserIdFilterTest {

    private static UserIdFilter on(String text) {
        return UserIdFilter.containing(text, "Example.org:8448");
    }

    @Test
    void theWholeUserIdIsTheExactLocalpart() {
        assertEquals(new UserIdFilter(Kind.LIKE, "alice"), on("@Alice:example.org:8448"));
    }

    @Test
    void boundariesAnchorThePattern() {
        assertEquals(new UserIdFilter(Kind.LIKE, "ali%"), on("@ali"));
        assertEquals(new UserIdFilter(Kind.LIKE, "%ice"), on("ice:exam"));
        assertEquals(new UserIdFilter(Kind.LIKE, "%lic%"), on("lic"));
    }

    @Test
    void textWithinTheServerNameKeepsEveryone() {
        for (String text : new String[] {"example", ":example.org", "org:8448", ":", ""}) {
            assertEquals(Kind.ALL, on(text).kind(), text);
        }
    }

    @Test
    void impossiblePlacesKeepNoOne() {
        for (String text : new String[] {"a@b", "@a@b", "ice:other.org", "@bob:example.org:9"}) {
            assertEquals(Kind.NONE, on(text).kind(), text);
        }
    }

    @Test
    void wildcardsAndTheEscapeCharacterMatchThemselves() {
        assertEquals(new UserIdFilter(Kind.LIKE, "%a!_b!%c!!\\%"), on("a_b%c!\\"));
    }
}
