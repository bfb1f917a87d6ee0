package org.gatehouse.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class WhoamiJsonTest {

    private static JsonObject parsed(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void writesTheThreeFieldsOfTheSpec() {
        assertEquals("{\"user_id\":\"@joe:example.org\",\"device_id\":\"ABC1234\",\"is_guest\":false}",
                WhoamiJson.of("@joe:example.org", "ABC1234", false));
    }

    @Test
    void omitsTheDeviceOfATokenWithoutOne() {
        JsonObject body = parsed(WhoamiJson.of("@bot:example.org", null, true));
        assertEquals("@bot:example.org", body.getString("user_id"));
        assertFalse(body.containsKey("device_id"));
        assertTrue(body.getBoolean("is_guest"));
    }

    @Test
    void escapesEveryCharacterThatNeedsItAndReadsBackTheSame() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        String userId = "@q\"uo\\te/" + every + ":example.org";
        String deviceId = "dév \u2028\u2029 \uD83D\uDE00 \u00ff\u0000\n\r\t\b\f\u007f end";
        String json = WhoamiJson.of(userId, deviceId, false);
        JsonObject body = parsed(json);
        assertEquals(userId, body.getString("user_id"));
        assertEquals(deviceId, body.getString("device_id"));
        assertFalse(body.getBoolean("is_guest"));
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "plain printable ASCII: " + json);
    }

    @Test
    void historicalUserIdsWithAnyPrintableAsciiSurvive() {
        String userId = "@~!#$%^&*()_+{}|[]<>?,.;'`=-:matrix.example";
        assertEquals(userId, parsed(WhoamiJson.of(userId, "D", false)).getString("user_id"));
    }
}
