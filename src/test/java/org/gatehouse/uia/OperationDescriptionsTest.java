package org.gatehouse.uia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class OperationDescriptionsTest {

    @Test
    void eachOperationIsNamed() {
        assertEquals("delete the device ABC", OperationDescriptions.describe("DELETE", "/devices/ABC", JsonValue.EMPTY_JSON_OBJECT));
        assertEquals("delete the devices A, B", OperationDescriptions.describe("POST", "/delete_devices",
                Json.createObjectBuilder().add("devices", Json.createArrayBuilder().add("A").add("B")).build()));
        assertEquals("change your password", OperationDescriptions.describe("POST", "/account/password", JsonValue.EMPTY_JSON_OBJECT));
        assertEquals("deactivate your account", OperationDescriptions.describe("POST", "/account/deactivate", JsonValue.EMPTY_JSON_OBJECT));
        assertEquals("create an account", OperationDescriptions.describe("POST", "/register", JsonValue.EMPTY_JSON_OBJECT));
    }

    @Test
    void aLongDescriptionIsCutToTheColumn() {
        String description = OperationDescriptions.describe("DELETE", "/devices/" + "D".repeat(5000), JsonValue.EMPTY_JSON_OBJECT);

        assertEquals(OperationDescriptions.MAX_LENGTH, description.length());
    }

    @Test
    void sessionIdsWithControlCharactersOrOverLongAreNotLookedUp() {
        assertTrue(OpaqueSessionIds.isPlausible("uia_abcDEF123"));
        assertFalse(OpaqueSessionIds.isPlausible("abc\u0000def"));
        assertFalse(OpaqueSessionIds.isPlausible("s".repeat(OpaqueSessionIds.MAX_LENGTH + 1)));
        assertFalse(OpaqueSessionIds.isPlausible(""));
    }
}
