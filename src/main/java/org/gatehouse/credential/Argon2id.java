package org.gatehouse.credential;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id (RFC 9106), versions 0x10 and 0x13, on one flat {@code long[]} of working memory that
 * is reused from one hash to the next and wiped after each.
 *
 * <p>Why not Bouncy Castle's {@code Argon2BytesGenerator}: it allocates the memory anew for every
 * hash (19,456 objects of 1 KiB at the default cost) and its inner loops compile unevenly — the
 * same hash measured 30–38 ms in some JVMs and 65–76 ms in others on the benchmark machine
 * ({@code docs/benchmarks.md}). Here the compression function works on offsets into one array
 * through small static methods, which the JIT compiles alike every time. Bouncy Castle's BLAKE2b
 * is still used for H0 and the variable-length hash H'. The output equals Bouncy Castle's (and the
 * RFC's test vector) for every parameter set; {@code Argon2idTest} checks it.
 *
 * <p>Lanes are filled one after another within each slice, which gives the same result as
 * filling them in parallel: a block only references blocks of earlier slices or of its own lane.
 */
final class Argon2id {

    static final int VERSION_10 = 0x10;
    static final int VERSION_13 = 0x13;

    private static final int TYPE_ID = 2;
    private static final int BLOCK_LONGS = 128;
    private static final int SYNC_POINTS = 4;
    private static final int ADDRESSES_PER_BLOCK = BLOCK_LONGS;
    private static final long LOW_32 = 0xFFFFFFFFL;

    /** Working memories kept for reuse; at most one per processor is kept. */
    private static final ConcurrentLinkedDeque<long[]> SPARE_MEMORY = new ConcurrentLinkedDeque<>();
    private static final int MAX_SPARE = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Argon2id() {
    }

    /**
     * The Argon2id tag of {@code password} and {@code salt}, {@code tagLength} bytes long.
     *
     * @param memoryKib  memory cost m in KiB, at least 8 × {@code parallelism}
     * @param iterations time cost t, at least 1
     * @param parallelism lanes p, 1 to 2^24 − 1
     * @param version    {@link #VERSION_10} or {@link #VERSION_13}
     */
    static byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int version,
                       int tagLength) {
        return hash(password, salt, new byte[0], new byte[0], memoryKib, iterations, parallelism, version, tagLength);
    }

    /** As {@link #hash(byte[], byte[], int, int, int, int, int)}, with a secret and associated data (RFC 9106, 3.1). */
    static byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int memoryKib, int iterations,
                       int parallelism, int version, int tagLength) {
        if (parallelism < 1 || memoryKib < 8 * parallelism || iterations < 1 || tagLength < 4
                || (version != VERSION_10 && version != VERSION_13)) {
            throw new IllegalArgumentException("Invalid Argon2 parameters");
        }
        int laneLength = memoryKib / (SYNC_POINTS * parallelism) * SYNC_POINTS;
        int blocks = laneLength * parallelism;
        long[] memory = borrow(blocks * BLOCK_LONGS);
        try {
            byte[] h0 = initialHash(password, salt, secret, associatedData, memoryKib, iterations, parallelism, version,
                    tagLength);
            Filling filling = new Filling(memory, laneLength, parallelism, blocks, iterations, version);
            filling.firstBlocks(h0);
            filling.fillAll();
            return filling.tag(tagLength);
        } finally {
            Arrays.fill(memory, 0, blocks * BLOCK_LONGS, 0L);
            giveBack(memory);
        }
    }

    /**
     * Drops the working memories kept for reuse (about 19 MiB each at the default cost), when the
     * application stops: they belong to the application's class loader, and should anything keep
     * that loader alive after an undeployment, they would stay with it.
     */
    static void releaseSpareMemory() {
        SPARE_MEMORY.clear();
    }

    private static long[] borrow(int longs) {
        long[] spare;
        while ((spare = SPARE_MEMORY.pollFirst()) != null) {
            if (spare.length >= longs) {
                return spare;
            }
        }
        return new long[longs];
    }

    private static void giveBack(long[] memory) {
        if (SPARE_MEMORY.size() < MAX_SPARE) {
            SPARE_MEMORY.offerFirst(memory);
        }
    }

    private static byte[] initialHash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int memoryKib,
                                      int iterations, int parallelism, int version, int tagLength) {
        Blake2bDigest digest = new Blake2bDigest(512);
        for (int value : new int[] {parallelism, tagLength, memoryKib, iterations, version, TYPE_ID}) {
            updateLe32(digest, value);
        }
        for (byte[] field : new byte[][] {password, salt, secret, associatedData}) {
            updateLe32(digest, field.length);
            digest.update(field, 0, field.length);
        }
        byte[] h0 = new byte[64];
        digest.doFinal(h0, 0);
        return h0;
    }

    private static void updateLe32(Blake2bDigest digest, int value) {
        byte[] le = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        digest.update(le, 0, 4);
    }

    /** H' (RFC 9106, 3.3): the variable-length hash of {@code input} into {@code out}. */
    private static void variableHash(byte[] input, byte[] out) {
        byte[] length = {(byte) out.length, (byte) (out.length >>> 8), (byte) (out.length >>> 16), (byte) (out.length >>> 24)};
        if (out.length <= 64) {
            Blake2bDigest digest = new Blake2bDigest(out.length * 8);
            digest.update(length, 0, 4);
            digest.update(input, 0, input.length);
            digest.doFinal(out, 0);
            return;
        }
        Blake2bDigest digest = new Blake2bDigest(512);
        byte[] v = new byte[64];
        digest.update(length, 0, 4);
        digest.update(input, 0, input.length);
        digest.doFinal(v, 0);
        int written = 0;
        int remaining = out.length;
        while (remaining > 64) {
            System.arraycopy(v, 0, out, written, 32);
            written += 32;
            remaining -= 32;
            if (remaining > 64) {
                digest.update(v, 0, 64);
                digest.doFinal(v, 0);
            }
        }
        Blake2bDigest last = new Blake2bDigest(remaining * 8);
        last.update(v, 0, 64);
        last.doFinal(out, written);
    }

    /** One hash's passes over the memory. */
    private static final class Filling {

        private final long[] memory;
        private final int laneLength;
        private final int segmentLength;
        private final int lanes;
        private final int blocks;
        private final int passes;
        private final int version;
        private final long[] r = new long[BLOCK_LONGS];
        private final long[] q = new long[BLOCK_LONGS];
        private final long[] input = new long[BLOCK_LONGS];
        private final long[] addresses = new long[BLOCK_LONGS];

        Filling(long[] memory, int laneLength, int lanes, int blocks, int passes, int version) {
            this.memory = memory;
            this.laneLength = laneLength;
            this.segmentLength = laneLength / SYNC_POINTS;
            this.lanes = lanes;
            this.blocks = blocks;
            this.passes = passes;
            this.version = version;
        }

        /** B[i][0] and B[i][1] of every lane from H0 (RFC 9106, 3.2 steps 3 and 4). */
        void firstBlocks(byte[] h0) {
            byte[] seed = Arrays.copyOf(h0, 72);
            byte[] block = new byte[1024];
            for (int lane = 0; lane < lanes; lane++) {
                for (int column = 0; column < 2; column++) {
                    putLe32(seed, 64, column);
                    putLe32(seed, 68, lane);
                    variableHash(seed, block);
                    int offset = (lane * laneLength + column) * BLOCK_LONGS;
                    for (int i = 0; i < BLOCK_LONGS; i++) {
                        memory[offset + i] = getLe64(block, i * 8);
                    }
                }
            }
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(block, (byte) 0);
        }

        void fillAll() {
            for (int pass = 0; pass < passes; pass++) {
                for (int slice = 0; slice < SYNC_POINTS; slice++) {
                    for (int lane = 0; lane < lanes; lane++) {
                        fillSegment(pass, slice, lane);
                    }
                }
            }
        }

        private void fillSegment(int pass, int slice, int lane) {
            boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
            int start = pass == 0 && slice == 0 ? 2 : 0;
            if (independent) {
                Arrays.fill(input, 0L);
                input[0] = pass;
                input[1] = lane;
                input[2] = slice;
                input[3] = blocks;
                input[4] = passes;
                input[5] = TYPE_ID;
                if (start == 2) {
                    nextAddresses();
                }
            }
            int current = lane * laneLength + slice * segmentLength + start;
            int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
            for (int index = start; index < segmentLength; index++, current++, previous++) {
                if (current % laneLength == 1) {
                    previous = current - 1;
                }
                long pseudoRandom;
                if (independent) {
                    if (index % ADDRESSES_PER_BLOCK == 0) {
                        nextAddresses();
                    }
                    pseudoRandom = addresses[index % ADDRESSES_PER_BLOCK];
                } else {
                    pseudoRandom = memory[previous * BLOCK_LONGS];
                }
                int referenceLane = pass == 0 && slice == 0 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
                int referenceIndex = referenceIndex(pass, slice, index, pseudoRandom & LOW_32, referenceLane == lane);
                int reference = referenceLane * laneLength + referenceIndex;
                boolean withXor = version != VERSION_10 && pass != 0;
                compress(previous * BLOCK_LONGS, reference * BLOCK_LONGS, current * BLOCK_LONGS, withXor);
            }
        }

        /** The column of the reference block within its lane (RFC 9106, 3.4.2). */
        private int referenceIndex(int pass, int slice, int index, long j1, boolean sameLane) {
            long areaSize;
            if (pass == 0) {
                if (slice == 0) {
                    areaSize = index - 1;
                } else if (sameLane) {
                    areaSize = (long) slice * segmentLength + index - 1;
                } else {
                    areaSize = (long) slice * segmentLength + (index == 0 ? -1 : 0);
                }
            } else if (sameLane) {
                areaSize = laneLength - segmentLength + index - 1;
            } else {
                areaSize = laneLength - segmentLength + (index == 0 ? -1 : 0);
            }
            long x = (j1 * j1) >>> 32;
            long y = (areaSize * x) >>> 32;
            long relative = areaSize - 1 - y;
            long startPosition = pass != 0 && slice != SYNC_POINTS - 1 ? (long) (slice + 1) * segmentLength : 0;
            return (int) ((startPosition + relative) % laneLength);
        }

        /** The next block of pseudo-random addresses: G(0, G(0, input)) with the counter advanced. */
        private void nextAddresses() {
            input[6]++;
            compressWithZero(input);
            compressWithZero(addresses);
        }

        /** G (RFC 9106, 3.5) of the blocks at two offsets of the memory, written (or xored) at a third. */
        private void compress(int previousOffset, int referenceOffset, int currentOffset, boolean withXor) {
            long[] m = memory;
            for (int i = 0; i < BLOCK_LONGS; i++) {
                r[i] = m[previousOffset + i] ^ m[referenceOffset + i];
            }
            permuteAndStore(m, currentOffset, withXor);
        }

        /** {@link #addresses} = G(0, block); block may be {@link #addresses} itself. */
        private void compressWithZero(long[] block) {
            System.arraycopy(block, 0, r, 0, BLOCK_LONGS);
            permuteAndStore(addresses, 0, false);
        }

        /**
         * Given R in {@link #r}: writes P(R) ^ R to {@code out} at {@code offset} (xored into what is
         * there when {@code withXor}). P applies the permutation to the 8 rows, then the 8 columns.
         */
        private void permuteAndStore(long[] out, int offset, boolean withXor) {
            System.arraycopy(r, 0, q, 0, BLOCK_LONGS);
            for (int row = 0; row < 8; row++) {
                int b = row * 16;
                permute(q, b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7,
                        b + 8, b + 9, b + 10, b + 11, b + 12, b + 13, b + 14, b + 15);
            }
            for (int column = 0; column < 8; column++) {
                int b = column * 2;
                permute(q, b, b + 1, b + 16, b + 17, b + 32, b + 33, b + 48, b + 49,
                        b + 64, b + 65, b + 80, b + 81, b + 96, b + 97, b + 112, b + 113);
            }
            if (withXor) {
                for (int i = 0; i < BLOCK_LONGS; i++) {
                    out[offset + i] ^= q[i] ^ r[i];
                }
            } else {
                for (int i = 0; i < BLOCK_LONGS; i++) {
                    out[offset + i] = q[i] ^ r[i];
                }
            }
        }

        private static void permute(long[] v, int v0, int v1, int v2, int v3, int v4, int v5, int v6, int v7,
                                    int v8, int v9, int v10, int v11, int v12, int v13, int v14, int v15) {
            mix(v, v0, v4, v8, v12);
            mix(v, v1, v5, v9, v13);
            mix(v, v2, v6, v10, v14);
            mix(v, v3, v7, v11, v15);
            mix(v, v0, v5, v10, v15);
            mix(v, v1, v6, v11, v12);
            mix(v, v2, v7, v8, v13);
            mix(v, v3, v4, v9, v14);
        }

        /** GB (RFC 9106, 3.6): BLAKE2b's G with the multiplications of BlaMka. */
        private static void mix(long[] v, int a, int b, int c, int d) {
            long va = v[a];
            long vb = v[b];
            long vc = v[c];
            long vd = v[d];
            va = va + vb + 2 * (va & LOW_32) * (vb & LOW_32);
            vd = Long.rotateRight(vd ^ va, 32);
            vc = vc + vd + 2 * (vc & LOW_32) * (vd & LOW_32);
            vb = Long.rotateRight(vb ^ vc, 24);
            va = va + vb + 2 * (va & LOW_32) * (vb & LOW_32);
            vd = Long.rotateRight(vd ^ va, 16);
            vc = vc + vd + 2 * (vc & LOW_32) * (vd & LOW_32);
            vb = Long.rotateRight(vb ^ vc, 63);
            v[a] = va;
            v[b] = vb;
            v[c] = vc;
            v[d] = vd;
        }

        /** The tag: H' of the XOR of every lane's last block. */
        byte[] tag(int tagLength) {
            long[] last = new long[BLOCK_LONGS];
            for (int lane = 0; lane < lanes; lane++) {
                int offset = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
                for (int i = 0; i < BLOCK_LONGS; i++) {
                    last[i] ^= memory[offset + i];
                }
            }
            byte[] bytes = new byte[1024];
            for (int i = 0; i < BLOCK_LONGS; i++) {
                putLe64(bytes, i * 8, last[i]);
            }
            byte[] tag = new byte[tagLength];
            variableHash(bytes, tag);
            Arrays.fill(bytes, (byte) 0);
            return tag;
        }
    }

    private static void putLe32(byte[] bytes, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private static void putLe64(byte[] bytes, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private static long getLe64(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }
}
