package org.gatehouse.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DeviceIdsTest {

    @Test
    void generatedIdIsTenUpperCaseLetters() {
        RandomGenerator random = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            String id = DeviceIds.generate(random);
            assertTrue(id.matches("[A-Z]{10}"), id);
        }
    }

    @Test
    void generatedIdUsesBothEndsOfTheAlphabet() {
        assertEquals("AAAAAAAAAA", DeviceIds.generate(fixed(0)));
        assertEquals("ZZZZZZZZZZ", DeviceIds.generate(fixed(-1)));
    }

    @Test
    void generatedIdIsValid() {
        RandomGenerator random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertTrue(DeviceIds.isValid(DeviceIds.generate(random)));
        }
    }

    @Test
    void typicalClientDeviceIdIsValid() {
        assertTrue(DeviceIds.isValid("GHTYAJCE"));
    }

    @Test
    void unreservedCharactersAreValid() {
        assertTrue(DeviceIds.isValid("abc-XYZ_0.9~"));
    }

    @Test
    void otherPrintableAsciiIsValid() {
        assertTrue(DeviceIds.isValid("!\"#$%&'()*+,/:;<=>?@[\\]^`{|}"));
    }

    @Test
    void singleCharacterIsValid() {
        assertTrue(DeviceIds.isValid("A"));
    }

    @Test
    void exactly255CharactersIsValid() {
        assertTrue(DeviceIds.isValid("D".repeat(255)));
    }

    @Test
    void moreThan255CharactersIsInvalid() {
        assertFalse(DeviceIds.isValid("D".repeat(256)));
    }

    @Test
    void nullIsInvalid() {
        assertFalse(DeviceIds.isValid(null));
    }

    @Test
    void emptyIsInvalid() {
        assertFalse(DeviceIds.isValid(""));
    }

    @Test
    void spaceIsInvalid() {
        assertFalse(DeviceIds.isValid("MY DEVICE"));
    }

    @Test
    void tabAndNewlineAreInvalid() {
        assertFalse(DeviceIds.isValid("A\tB"));
        assertFalse(DeviceIds.isValid("A\nB"));
    }

    @Test
    void controlCharactersAreInvalid() {
        assertFalse(DeviceIds.isValid("A\u0000B"));
        assertFalse(DeviceIds.isValid("A\u007FB"));
    }

    @Test
    void nonAsciiIsInvalid() {
        assertFalse(DeviceIds.isValid("GERÄT"));
        assertFalse(DeviceIds.isValid("PHONE\uD83D\uDCF1"));
    }

    /** A generator whose bounded draws always give {@code offset} from the start (or end, if negative). */
    private static RandomGenerator fixed(int offset) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int nextInt(int bound) {
                return offset >= 0 ? offset : bound + offset;
            }
        };
    }
}
