package org.gatehouse.appservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gatehouse.token.TokenHashes;
import org.gatehouse.user.UserId;
import org.junit.jupiter.api.Test;

class RegistrationFileTest {

    static final String SPEC_EXAMPLE = """
            id: "IRC Bridge"
            url: "http://127.0.0.1:1234"
            as_token: "30c05ae90a248a4188e620216fa72e349803310ec83e2a77b34fe90be6081f46"
            hs_token: "312df522183efd404ec1cd22d2ffa4bbc76a8c1ccf541dd692eef281356bb74e"
            sender_localpart: "_irc_bot" # Will result in @_irc_bot:example.org
            namespaces:
              users:
                - exclusive: true
                  regex: "@_irc_bridge_.*"
              aliases:
                - exclusive: false
                  regex: "#_irc_bridge_.*"
              rooms: []
            """;

    private static RegistrationFile.Parsed parse(String yaml) throws RegistrationFile.InvalidRegistration {
        return RegistrationFile.parse(yaml, "/etc/gatehouse/irc.yaml", "example.org");
    }

    private static String problem(String yaml) {
        return assertThrows(RegistrationFile.InvalidRegistration.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void theSpecsExampleIsRead() throws Exception {
        RegistrationFile.Parsed parsed = parse(SPEC_EXAMPLE);
        AppService service = parsed.service();
        assertEquals(List.of(), parsed.warnings());
        assertEquals("IRC Bridge", service.id());
        assertEquals("http://127.0.0.1:1234", service.url());
        assertEquals(new UserId("_irc_bot", "example.org"), service.sender());
        assertEquals(1, service.users().size());
        assertTrue(service.users().get(0).exclusive());
        assertEquals("#_irc_bridge_.*", service.aliases().get(0).regex().pattern());
        assertEquals(List.of(), service.rooms());
        assertTrue(service.rateLimited(), "rate_limited defaults to true");
        assertFalse(service.receiveEphemeral());
        assertEquals("/etc/gatehouse/irc.yaml", service.source());
    }

    @Test
    void tokensAreKeptOnlyAsHashes() throws Exception {
        AppService service = parse(SPEC_EXAMPLE).service();
        assertEquals(TokenHashes.sha256("30c05ae90a248a4188e620216fa72e349803310ec83e2a77b34fe90be6081f46"),
                service.tokenHashes().asToken());
        assertEquals(TokenHashes.sha256("312df522183efd404ec1cd22d2ffa4bbc76a8c1ccf541dd692eef281356bb74e"),
                service.tokenHashes().hsToken());
        assertFalse(service.toString().contains(service.tokenHashes().asToken()), service::toString);
    }

    @Test
    void optionalFieldsAreRead() throws Exception {
        AppService service = parse(SPEC_EXAMPLE + """
                rate_limited: false
                protocols: ["irc", "ircs"]
                receive_ephemeral: true
                """).service();
        assertFalse(service.rateLimited());
        assertEquals(List.of("irc", "ircs"), service.protocols());
        assertTrue(service.receiveEphemeral());
    }

    @Test
    void aNullUrlIsAllowed() throws Exception {
        assertNull(parse(SPEC_EXAMPLE.replace("url: \"http://127.0.0.1:1234\"", "url: null")).service().url());
    }

    @Test
    void unknownKeysAreWarnedAboutAndIgnored() throws Exception {
        RegistrationFile.Parsed parsed = parse(SPEC_EXAMPLE.replace("  rooms: []", "  rooms: []\n  groups: []")
                .replace("regex: \"@_irc_bridge_.*\"", "regex: \"@_irc_bridge_.*\"\n      group_id: \"+irc:example.org\"")
                + "de.sorunome.msc2409.push_ephemeral: true\n");
        assertEquals(List.of(
                "/etc/gatehouse/irc.yaml: ignoring de.sorunome.msc2409.push_ephemeral, which the application-service registration format does not define",
                "/etc/gatehouse/irc.yaml: ignoring namespaces.groups, which the application-service registration format does not define",
                "/etc/gatehouse/irc.yaml: ignoring namespaces.users[0].group_id, which the application-service registration format does not define"),
                parsed.warnings().stream().sorted().toList());
    }

    @Test
    void aBadRegexFailsNamingTheFileAndTheNamespace() {
        String message = problem(SPEC_EXAMPLE.replace("\"@_irc_bridge_.*\"", "\"@_irc_(bridge_.*\""));
        assertTrue(message.startsWith("/etc/gatehouse/irc.yaml: namespaces.users[0].regex is not a valid regular expression"),
                message);
    }

    @Test
    void missingRequiredFieldsFailNamingThem() {
        assertEquals("/etc/gatehouse/irc.yaml: as_token is missing", problem(SPEC_EXAMPLE.replaceAll("(?m)^as_token.*\n", "")));
        assertEquals("/etc/gatehouse/irc.yaml: hs_token is missing", problem(SPEC_EXAMPLE.replaceAll("(?m)^hs_token.*\n", "")));
        assertEquals("/etc/gatehouse/irc.yaml: id is missing", problem(SPEC_EXAMPLE.replaceAll("(?m)^id:.*\n", "")));
        assertEquals("/etc/gatehouse/irc.yaml: sender_localpart is missing",
                problem(SPEC_EXAMPLE.replaceAll("(?m)^sender_localpart.*\n", "")));
        assertTrue(problem(SPEC_EXAMPLE.replaceAll("(?m)^url.*\n", "")).startsWith("/etc/gatehouse/irc.yaml: url is missing"));
        assertEquals("/etc/gatehouse/irc.yaml: namespaces is missing",
                problem(SPEC_EXAMPLE.substring(0, SPEC_EXAMPLE.indexOf("namespaces:"))));
    }

    @Test
    void fieldsOfTheWrongTypeFail() {
        assertEquals("/etc/gatehouse/irc.yaml: as_token must be a non-empty string",
                problem(SPEC_EXAMPLE.replaceAll("(?m)^as_token.*$", "as_token: 12345")));
        assertEquals("/etc/gatehouse/irc.yaml: namespaces.users[0].exclusive must be true or false",
                problem(SPEC_EXAMPLE.replace("exclusive: true", "exclusive: \"yes please\"")));
        assertEquals("/etc/gatehouse/irc.yaml: rate_limited must be true or false",
                problem(SPEC_EXAMPLE + "rate_limited: sometimes\n"));
        assertEquals("/etc/gatehouse/irc.yaml: protocols must be a list of strings",
                problem(SPEC_EXAMPLE + "protocols: irc\n"));
        assertEquals("/etc/gatehouse/irc.yaml: namespaces.users must be a list",
                problem(SPEC_EXAMPLE.replace("  users:\n    - exclusive: true\n      regex: \"@_irc_bridge_.*\"\n", "  users: \"@_irc_.*\"\n")));
        assertEquals("/etc/gatehouse/irc.yaml: the file must be a YAML mapping (key: value pairs)", problem("- just\n- a list\n"));
    }

    @Test
    void anInvalidSenderLocalpartFails() {
        String message = problem(SPEC_EXAMPLE.replace("\"_irc_bot\"", "\"IRC Bot\""));
        assertTrue(message.startsWith("/etc/gatehouse/irc.yaml: sender_localpart is not a valid localpart"), message);
    }

    @Test
    void brokenYamlFailsWithItsPositionButNoSnippetOfTheFile() {
        String message = problem("id: x\nas_token: \"secret-token-value\n");
        assertTrue(message.startsWith("/etc/gatehouse/irc.yaml: is not valid YAML: "), message);
        assertTrue(message.contains("line "), message);
        assertFalse(message.contains("secret-token-value"), message);
    }

    @Test
    void duplicateKeysFail() {
        String message = problem(SPEC_EXAMPLE + "as_token: \"another\"\n");
        assertTrue(message.startsWith("/etc/gatehouse/irc.yaml: is not valid YAML: "), message);
        assertFalse(message.contains("another"), message);
    }
}
