package org.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link TokenHashes}: SHA-256 in lowercase hex, the same answer however often and on whatever thread it is asked. */
class TokenHashesTest {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2, "abc"
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void hashesKnownVectors() {
        assertEquals(ABC, TokenHashes.sha256("abc"));
        assertEquals(EMPTY, TokenHashes.sha256(""));
    }

    @Test
    void aThreadsDigestStartsAfreshOnEveryCall() {
        for (int i = 0; i < 3; i++) {
            assertEquals(ABC, TokenHashes.sha256("abc"));
            assertEquals(EMPTY, TokenHashes.sha256(""));
        }
    }

    @Test
    void concurrentCallersGetTheirOwnHashes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!ABC.equals(TokenHashes.sha256("abc")) || !EMPTY.equals(TokenHashes.sha256(""))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertEquals(true, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
