package org.gatehouse.credential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our Argon2id against RFC 9106's test vector and against Bouncy Castle's generator. */
class Argon2idTest {

    private static byte[] bouncyCastle(byte[] password, byte[] salt, byte[] secret, byte[] data, int memoryKib,
                                       int iterations, int parallelism, int version, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(version).withMemoryAsKB(memoryKib).withIterations(iterations)
                .withParallelism(parallelism).withSalt(salt).withSecret(secret).withAdditional(data).build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void rfc9106TestVector() {
        byte[] tag = Argon2id.hash(filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32, 3, 4,
                Argon2id.VERSION_13, 32);

        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", HexFormat.of().formatHex(tag));
    }

    @ParameterizedTest(name = "m={0} t={1} p={2} v={3} tag={4}")
    @CsvSource({
        "8, 1, 1, 19, 32", "8, 1, 1, 16, 32", "16, 1, 2, 19, 32", "64, 2, 1, 19, 32", "64, 2, 1, 16, 32",
        "100, 3, 3, 19, 16", "1024, 1, 1, 19, 32", "1024, 2, 2, 19, 64", "1024, 3, 4, 16, 4", "513, 2, 1, 19, 65",
        "520, 1, 4, 19, 100", "2048, 2, 1, 19, 1024", "4096, 1, 8, 19, 48", "19456, 2, 1, 19, 32"
    })
    void equalsBouncyCastle(int memoryKib, int iterations, int parallelism, int version, int length) {
        Random random = new Random(memoryKib * 31L + iterations * 7L + parallelism + version + length);
        for (int passwordLength : new int[] {0, 1, 14, 64, 129}) {
            byte[] password = new byte[passwordLength];
            byte[] salt = new byte[8 + random.nextInt(24)];
            random.nextBytes(password);
            random.nextBytes(salt);
            int v = version == 16 ? Argon2id.VERSION_10 : Argon2id.VERSION_13;

            assertArrayEquals(bouncyCastle(password, salt, new byte[0], new byte[0], memoryKib, iterations, parallelism, v, length),
                    Argon2id.hash(password, salt, memoryKib, iterations, parallelism, v, length));
        }
    }

    @Test
    void theReusedMemoryDoesNotLeakFromOneHashIntoTheNext() {
        byte[] salt = "gatehouse-salt16".getBytes(StandardCharsets.US_ASCII);
        byte[] first = Argon2id.hash("one".getBytes(StandardCharsets.UTF_8), salt, 256, 2, 1, Argon2id.VERSION_13, 32);
        Argon2id.hash("two".getBytes(StandardCharsets.UTF_8), salt, 512, 1, 2, Argon2id.VERSION_13, 32);

        assertArrayEquals(first, Argon2id.hash("one".getBytes(StandardCharsets.UTF_8), salt, 256, 2, 1, Argon2id.VERSION_13, 32));
    }

    @Test
    void concurrentHashesAreIndependent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            byte[] salt = filled(16, 9);
            for (int i = 0; i < 16; i++) {
                byte[] password = ("password-" + (i % 4)).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> Argon2id.hash(password, salt, 128 * (1 + password[9] % 2), 1, 1,
                        Argon2id.VERSION_13, 32)));
            }
            for (int i = 0; i < 16; i++) {
                byte[] password = ("password-" + (i % 4)).getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(bouncyCastle(password, salt, new byte[0], new byte[0], 128 * (1 + password[9] % 2), 1, 1,
                        Argon2id.VERSION_13, 32), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "m={0} t={1} p={2} v={3} tag={4}")
    @CsvSource({"7, 1, 1, 19, 32", "15, 1, 2, 19, 32", "8, 0, 1, 19, 32", "8, 1, 0, 19, 32", "8, 1, 1, 18, 32", "8, 1, 1, 19, 3"})
    void invalidParametersAreRefused(int memoryKib, int iterations, int parallelism, int version, int length) {
        assertThrows(IllegalArgumentException.class,
                () -> Argon2id.hash(new byte[1], new byte[8], memoryKib, iterations, parallelism, version, length));
    }
}
