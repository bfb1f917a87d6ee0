package org.gatehouse.token.macaroon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacaroonTest {

    private static final byte[] KEY = "this is our super secret key; only we should know it".getBytes(StandardCharsets.UTF_8);
    private static final List<String> CAVEATS = List.of(
            "gen = 1", "user_id = @alice:example.org", "type = access", "nonce = 8Q4o~Vx=",
            "time < 1700000000000", "guest = true");
    private static final Predicate<String> ANY = caveat -> true;

    /**
     * Made by pymacaroons 0.13.0:
     * {@code m = Macaroon(location='gatehouse.example', identifier='key', key=KEY)}, then
     * {@code m.add_first_party_caveat(c)} for each of {@link #CAVEATS}, then {@code m.serialize()}.
     */
    private static final String PYMACAROONS_VECTOR = "MDAxZmxvY2F0aW9uIGdhdGVob3VzZS5leGFtcGxlCjAwMTNpZGVudGlmaWVyIGtleQow"
            + "MDEwY2lkIGdlbiA9IDEKMDAyNWNpZCB1c2VyX2lkID0gQGFsaWNlOmV4YW1wbGUub3JnCjAwMTZjaWQgdHlwZSA9IGFjY2VzcwowMDE5"
            + "Y2lkIG5vbmNlID0gOFE0b35WeD0KMDAxZGNpZCB0aW1lIDwgMTcwMDAwMDAwMDAwMAowMDE1Y2lkIGd1ZXN0ID0gdHJ1ZQowMDJmc2ln"
            + "bmF0dXJlIAVTTHF3S2s_G2jS0vhw0dByeze6r2KcdBoAn6XDBjDzCg";
    private static final String PYMACAROONS_SIGNATURE = "05534c71774b6b3f1b68d2d2f870d1d0727b37baaf629c741a009fa5c30630f3";

    /**
     * Made by pymacaroons 0.13.0 with non-ASCII caveats, a binary key and an empty location:
     * {@code m = Macaroon(location='', identifier='key', key=b'\x00\x01\xfe\xff')}, then
     * {@code m.add_first_party_caveat(c)} for each of {@link #UNICODE_CAVEATS}. (pymacaroons
     * miscounts the length of a non-ASCII location or identifier, so those stay ASCII here.)
     */
    private static final String PYMACAROONS_UNICODE_VECTOR = "MDAwZWxvY2F0aW9uIAowMDEzaWRlbnRpZmllciBrZXkKMDAyNGNpZCB1"
            + "c2VyX2lkID0gQHpvw6s6ZXhhbXBsZS5vcmcKMDAxOWNpZCBkaXNwbGF5ID0g5ZCN5YmNCjAwMmZzaWduYXR1cmUgMES6-xiepgUbRdtS"
            + "p0KUAJsHU8xoT8fCYu9NM67thxoK";
    private static final List<String> UNICODE_CAVEATS = List.of("user_id = @zo\u00eb:example.org", "display = \u540d\u524d");
    private static final byte[] BINARY_KEY = {0x00, 0x01, (byte) 0xfe, (byte) 0xff};

    private static Macaroon accessMacaroon() {
        Macaroon macaroon = Macaroon.mint(KEY, "gatehouse.example", "key");
        for (String caveat : CAVEATS) {
            macaroon = macaroon.withFirstPartyCaveat(caveat);
        }
        return macaroon;
    }

    /** Re-encodes a macaroon's packets (pairs of key and value) the v1 way, for forging tests. */
    private static String encode(List<String[]> packets, byte[] signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] packet : packets) {
            byte[] value = packet[1].getBytes(StandardCharsets.UTF_8);
            out.writeBytes(String.format("%04x%s ", 4 + packet[0].length() + value.length + 2, packet[0])
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(value);
            out.write('\n');
        }
        out.writeBytes(String.format("%04xsignature ", 4 + 9 + 32 + 2).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(signature);
        out.write('\n');
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    private static List<String[]> packetsOf(Macaroon macaroon, List<String> caveats) {
        List<String[]> packets = new ArrayList<>();
        packets.add(new String[] {"location", macaroon.location()});
        packets.add(new String[] {"identifier", macaroon.identifier()});
        caveats.forEach(c -> packets.add(new String[] {"cid", c}));
        return packets;
    }

    // --- format ---

    @Test
    void serializesExactlyAsPymacaroons() {
        assertEquals(PYMACAROONS_VECTOR, accessMacaroon().serialize());
    }

    @Test
    void signatureMatchesPymacaroons() {
        assertEquals(PYMACAROONS_SIGNATURE, HexFormat.of().formatHex(accessMacaroon().signature()));
    }

    @Test
    void pymacaroonsVectorParsesAndVerifies() {
        Macaroon macaroon = Macaroon.deserialize(PYMACAROONS_VECTOR).orElseThrow();
        assertEquals("gatehouse.example", macaroon.location());
        assertEquals("key", macaroon.identifier());
        assertEquals(CAVEATS, macaroon.caveats());
        assertTrue(macaroon.verify(KEY, CAVEATS::contains));
    }

    @Test
    void unicodeAndBinaryKeyVectorRoundTripsExactly() {
        Macaroon ours = Macaroon.mint(BINARY_KEY, "", "key")
                .withFirstPartyCaveat(UNICODE_CAVEATS.get(0)).withFirstPartyCaveat(UNICODE_CAVEATS.get(1));
        assertEquals(PYMACAROONS_UNICODE_VECTOR, ours.serialize());
        Macaroon theirs = Macaroon.deserialize(PYMACAROONS_UNICODE_VECTOR).orElseThrow();
        assertEquals(ours, theirs);
        assertEquals(UNICODE_CAVEATS, theirs.caveats());
        assertTrue(theirs.verify(BINARY_KEY, ANY));
    }

    @Test
    void nonAsciiLocationAndIdentifierAreLengthPrefixedInBytes() {
        // libmacaroons counts bytes; pymacaroons 0.13 counts characters here and cannot read its own output
        Macaroon macaroon = Macaroon.mint(KEY, "l\u00e9", "cl\u00e9");
        String raw = new String(Base64.getUrlDecoder().decode(macaroon.serialize()), StandardCharsets.UTF_8);
        assertTrue(raw.startsWith("0011location l\u00e9\n0014identifier cl\u00e9\n"), raw);
        assertEquals(macaroon, Macaroon.deserialize(macaroon.serialize()).orElseThrow());
    }

    @Test
    void serializedPacketsAreLengthPrefixedKeyValueLines() {
        String raw = new String(Base64.getUrlDecoder().decode(Macaroon.mint(KEY, "loc", "id")
                .withFirstPartyCaveat("a = b").serialize()), StandardCharsets.ISO_8859_1);
        assertTrue(raw.startsWith("0011location loc\n0012identifier id\n000ecid a = b\n002fsignature "), raw);
        assertEquals(0x11 + 0x12 + 0x0e + 0x2f, raw.length());
        assertTrue(raw.endsWith("\n"));
    }

    @Test
    void serializationIsUrlSafeWithoutPadding() {
        for (int i = 0; i < 40; i++) {
            String token = Macaroon.mint(KEY, "l", "id" + "x".repeat(i)).serialize();
            assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        }
    }

    @Test
    void roundTripKeepsEverything() {
        Macaroon macaroon = accessMacaroon();
        Macaroon back = Macaroon.deserialize(macaroon.serialize()).orElseThrow();
        assertEquals(macaroon, back);
        assertEquals(macaroon.serialize(), back.serialize());
        assertTrue(back.verify(KEY, ANY));
    }

    @Test
    void roundTripWithoutCaveats() {
        Macaroon macaroon = Macaroon.mint(KEY, "", "");
        Macaroon back = Macaroon.deserialize(macaroon.serialize()).orElseThrow();
        assertEquals(List.of(), back.caveats());
        assertTrue(back.verify(KEY, caveat -> false));
    }

    @Test
    void acceptsStandardAlphabetAndPaddingLikePymacaroons() {
        String standard = PYMACAROONS_VECTOR.replace('-', '+').replace('_', '/');
        String padded = standard + "=".repeat((4 - standard.length() % 4) % 4);
        assertNotEquals(PYMACAROONS_VECTOR, padded);
        assertEquals(Macaroon.deserialize(PYMACAROONS_VECTOR), Macaroon.deserialize(padded));
        assertEquals(Macaroon.deserialize(PYMACAROONS_VECTOR), Macaroon.deserialize(standard));
    }

    @Test
    void caveatsAreUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> accessMacaroon().caveats().add("admin = true"));
    }

    @Test
    void addingACaveatLeavesTheOriginalUnchanged() {
        Macaroon original = Macaroon.mint(KEY, "l", "id");
        String before = original.serialize();
        original.withFirstPartyCaveat("type = access");
        assertEquals(before, original.serialize());
        assertEquals(List.of(), original.caveats());
    }

    @Test
    void toStringDoesNotRevealTheSignature() {
        Macaroon macaroon = accessMacaroon();
        String text = macaroon.toString();
        assertTrue(text.contains("user_id = @alice:example.org"), text);
        assertFalse(text.contains(PYMACAROONS_SIGNATURE), text);
    }

    // --- caveatValue ---

    @Test
    void caveatValueReadsTheFirstMatchingKeyValueCaveat() {
        List<String> caveats = List.of("time < 5", "user_id = @a:b", "user_id = @c:d", "user_idx = @e:f");
        assertEquals(Optional.of("@a:b"), Macaroon.caveatValue(caveats, "user_id"));
        assertEquals(Optional.of("@e:f"), Macaroon.caveatValue(caveats, "user_idx"));
        assertEquals(Optional.empty(), Macaroon.caveatValue(caveats, "time"));
        assertEquals(Optional.empty(), Macaroon.caveatValue(caveats, "type"));
        assertEquals(Optional.of("access"), accessMacaroon().caveatValue("type"));
    }

    // --- verification ---

    @Test
    void wrongKeyFails() {
        assertFalse(accessMacaroon().verify("another key".getBytes(StandardCharsets.UTF_8), ANY));
    }

    @Test
    void emptyKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Macaroon.mint(new byte[0], "l", "id"));
        assertThrows(IllegalArgumentException.class, () -> accessMacaroon().verify(new byte[0], ANY));
    }

    @Test
    void tamperedCaveatFails() {
        Macaroon genuine = accessMacaroon();
        List<String> caveats = new ArrayList<>(genuine.caveats());
        caveats.set(1, "user_id = @mallory:example.org");
        Macaroon forged = Macaroon.deserialize(encode(packetsOf(genuine, caveats), genuine.signature())).orElseThrow();
        assertEquals(Optional.of("@mallory:example.org"), forged.caveatValue("user_id"));
        assertFalse(forged.verify(KEY, ANY));
    }

    @Test
    void tamperedIdentifierFails() {
        Macaroon genuine = accessMacaroon();
        List<String[]> packets = packetsOf(genuine, genuine.caveats());
        packets.set(1, new String[] {"identifier", "kez"});
        assertFalse(Macaroon.deserialize(encode(packets, genuine.signature())).orElseThrow().verify(KEY, ANY));
    }

    @Test
    void tamperedSignatureFails() {
        Macaroon genuine = accessMacaroon();
        byte[] signature = genuine.signature();
        signature[31] ^= 1;
        assertFalse(Macaroon.deserialize(encode(packetsOf(genuine, genuine.caveats()), signature)).orElseThrow()
                .verify(KEY, ANY));
    }

    @Test
    void removedCaveatFails() {
        Macaroon genuine = accessMacaroon();
        List<String> caveats = new ArrayList<>(genuine.caveats());
        caveats.remove("time < 1700000000000");
        assertFalse(Macaroon.deserialize(encode(packetsOf(genuine, caveats), genuine.signature())).orElseThrow()
                .verify(KEY, ANY));
    }

    @Test
    void removedLastCaveatFails() {
        Macaroon genuine = accessMacaroon();
        List<String> caveats = genuine.caveats().subList(0, genuine.caveats().size() - 1);
        assertFalse(Macaroon.deserialize(encode(packetsOf(genuine, caveats), genuine.signature())).orElseThrow()
                .verify(KEY, ANY));
    }

    @Test
    void reorderedCaveatsFail() {
        Macaroon genuine = accessMacaroon();
        List<String> caveats = new ArrayList<>(genuine.caveats());
        caveats.add(caveats.remove(0));
        assertFalse(Macaroon.deserialize(encode(packetsOf(genuine, caveats), genuine.signature())).orElseThrow()
                .verify(KEY, ANY));
    }

    @Test
    void caveatAddedWithoutTheChainFails() {
        Macaroon genuine = accessMacaroon();
        List<String> caveats = new ArrayList<>(genuine.caveats());
        caveats.add("admin = true");
        assertFalse(Macaroon.deserialize(encode(packetsOf(genuine, caveats), genuine.signature())).orElseThrow()
                .verify(KEY, ANY));
    }

    @Test
    void attackerCannotReplaceACaveatWithoutTheKey() {
        // The attacker holds a genuine macaroon and chains a new caveat onto a prefix of it: they
        // do not know the intermediate signature, so they mint their own chain from a guessed key.
        Macaroon genuine = Macaroon.mint(KEY, "l", "key").withFirstPartyCaveat("user_id = @alice:example.org");
        Macaroon forged = Macaroon.mint("guess".getBytes(StandardCharsets.UTF_8), "l", "key")
                .withFirstPartyCaveat("user_id = @admin:example.org");
        assertTrue(genuine.verify(KEY, ANY));
        assertFalse(forged.verify(KEY, ANY));
    }

    @Test
    void caveatAddedByAHolderStillVerifiesButMustBeSatisfied() {
        // Attenuation is a macaroon feature: a holder may add restrictions without the key, and
        // the verifier then has to satisfy them too.
        Macaroon attenuated = accessMacaroon().withFirstPartyCaveat("admin = true");
        assertTrue(attenuated.verify(KEY, ANY));
        assertFalse(attenuated.verify(KEY, CAVEATS::contains));
    }

    @Test
    void unsatisfiedCaveatFails() {
        Macaroon macaroon = accessMacaroon();
        assertFalse(macaroon.verify(KEY, caveat -> !caveat.equals("guest = true")));
    }

    @Test
    void unknownCaveatFails() {
        Macaroon macaroon = Macaroon.mint(KEY, "l", "key").withFirstPartyCaveat("type = access")
                .withFirstPartyCaveat("colour = blue");
        assertFalse(macaroon.verify(KEY, Set.of("type = access")::contains));
        assertTrue(macaroon.verify(KEY, Set.of("type = access", "colour = blue")::contains));
    }

    @Test
    void predicateIsNotConsultedForABadSignature() {
        assertFalse(accessMacaroon().verify("wrong".getBytes(StandardCharsets.UTF_8), caveat -> {
            throw new AssertionError("asked about " + caveat);
        }));
    }

    // --- construction limits ---

    @Test
    void unpairedSurrogateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Macaroon.mint(KEY, "l", "id\uD800"));
        assertThrows(IllegalArgumentException.class, () -> Macaroon.mint(KEY, "l", "id").withFirstPartyCaveat("\uDC00"));
    }

    @Test
    void macaroonTooLongToParseCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> Macaroon.mint(KEY, "l", "x".repeat(Macaroon.MAX_TOKEN_LENGTH)));
        Macaroon big = Macaroon.mint(KEY, "l", "x".repeat(5_000));
        assertTrue(Macaroon.deserialize(big.serialize()).isPresent());
        assertThrows(IllegalArgumentException.class, () -> big.withFirstPartyCaveat("y".repeat(2_000)));
    }

    // --- malformed input ---

    @Test
    void nullAndEmptyAreRejected() {
        assertEquals(Optional.empty(), Macaroon.deserialize(null));
        assertEquals(Optional.empty(), Macaroon.deserialize(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "MDAx ZmxvY2F0aW9u", "====", "A", "AB=C", "QUJD=", "QUJDRA===",
        "syt_YWxpY2U_xYzAbCdEfGhIjKlMnOpQ_1a2b3c", "gha_abcdefghijklmnopqrstuvwxyzABCDEF_0a1b2c",
        "MDAxZmxvY2F0aW9uIGdhdGVob3VzZS5leGFtcGxlCg"})
    void garbageIsRejected(String token) {
        assertEquals(Optional.empty(), Macaroon.deserialize(token));
    }

    @Test
    void everyTruncationIsRejected() {
        String token = accessMacaroon().serialize();
        for (int i = 0; i < token.length(); i++) {
            assertEquals(Optional.empty(), Macaroon.deserialize(token.substring(0, i)), "length " + i);
        }
    }

    @Test
    void everyTruncationOfTheRawBytesIsRejected() {
        byte[] raw = Base64.getUrlDecoder().decode(accessMacaroon().serialize());
        for (int i = 0; i < raw.length; i++) {
            byte[] cut = java.util.Arrays.copyOf(raw, i);
            assertEquals(Optional.empty(), Macaroon.deserialize(Base64.getUrlEncoder().encodeToString(cut)), "length " + i);
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] raw = Base64.getUrlDecoder().decode(accessMacaroon().serialize());
        byte[] longer = java.util.Arrays.copyOf(raw, raw.length + 1);
        longer[raw.length] = '0';
        assertEquals(Optional.empty(), Macaroon.deserialize(Base64.getUrlEncoder().encodeToString(longer)));
    }

    @Test
    void hugeInputIsRejected() {
        assertEquals(Optional.empty(), Macaroon.deserialize("A".repeat(Macaroon.MAX_TOKEN_LENGTH + 4)));
        assertEquals(Optional.empty(), Macaroon.deserialize("A".repeat(10_000_000)));
    }

    @Test
    void randomBytesNeverThrow() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 5_000; i++) {
            byte[] raw = new byte[random.nextInt(200)];
            random.nextBytes(raw);
            if (raw.length > 0) {
                raw[0] = '0';
            }
            Macaroon.deserialize(Base64.getUrlEncoder().encodeToString(raw));
        }
    }

    @Test
    void randomCorruptionsOfAValidTokenNeverThrow() {
        Macaroon genuine = accessMacaroon();
        byte[] raw = Base64.getUrlDecoder().decode(genuine.serialize());
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] copy = raw.clone();
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            Optional<Macaroon> parsed = Macaroon.deserialize(Base64.getUrlEncoder().encodeToString(copy));
            // the location is not signed, so only it may change and still verify
            parsed.ifPresent(m -> assertFalse(m.verify(KEY, ANY)
                    && !(m.identifier().equals(genuine.identifier()) && m.caveats().equals(genuine.caveats()))));
        }
    }

    private static String raw(String packets) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(packets.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static final String SIG = "signature " + "s".repeat(32) + "\n";

    @Test
    void wellFormedHandBuiltTokenParses() {
        Optional<Macaroon> parsed = Macaroon.deserialize(raw("000elocation \n0012identifier id\n000ecid a = b\n002f" + SIG));
        assertTrue(parsed.isPresent());
        assertEquals(List.of("a = b"), parsed.get().caveats());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // missing identifier, missing signature, missing location
        "000elocation \n002f" + "signature ssssssssssssssssssssssssssssssss\n",
        "000elocation \n0012identifier id\n",
        "0012identifier id\n002fsignature ssssssssssssssssssssssssssssssss\n",
        // wrong order, duplicate identifier, packet after the signature
        "0012identifier id\n000elocation \n002fsignature ssssssssssssssssssssssssssssssss\n",
        "000elocation \n0012identifier id\n0012identifier id\n002fsignature ssssssssssssssssssssssssssssssss\n",
        "000elocation \n0012identifier id\n002fsignature ssssssssssssssssssssssssssssssss\n000ecid a = b\n",
        // third-party caveat, unknown packet key
        "000elocation \n0012identifier id\n000ecid a = b\n000avid x\n0009cl x\n002fsignature ssssssssssssssssssssssssssssssss\n",
        "000elocation \n0012identifier id\n000ecav a = b\n002fsignature ssssssssssssssssssssssssssssssss\n",
        // signature too short / too long
        "000elocation \n0012identifier id\n002esignature sssssssssssssssssssssssssssssss\n",
        "000elocation \n0012identifier id\n0030signature sssssssssssssssssssssssssssssssss\n",
        // uppercase or non-hex length, length too small, length past the end
        "000Elocation \n0012identifier id\n002fsignature ssssssssssssssssssssssssssssssss\n",
        "00zdlocation \n0012identifier id\n002fsignature ssssssssssssssssssssssssssssssss\n",
        "0000location \n0012identifier id\n002fsignature ssssssssssssssssssssssssssssssss\n",
        "000elocation \n0012identifier id\n0fffsignature ssssssssssssssssssssssssssssssss\n",
        // packet not ending in newline, packet without a space
        "000elocation x0012identifier id\n002fsignature ssssssssssssssssssssssssssssssss\n",
        "000elocation_\n0012identifier id\n002fsignature ssssssssssssssssssssssssssssssss\n",
        // malformed UTF-8 in a caveat
        "000elocation \n0012identifier id\n000bcid \u00ff\u00fe\n002fsignature ssssssssssssssssssssssssssssssss\n",
    })
    void malformedPacketsAreRejected(String packets) {
        assertEquals(Optional.empty(), Macaroon.deserialize(raw(packets)));
    }

    @Test
    void handBuiltVectorsUseCorrectLengths() {
        // guards the test data above: the well-formed pieces really are well-formed
        assertEquals(0x0e, "000elocation \n".length());
        assertEquals(0x12, "0012identifier id\n".length());
        assertEquals(0x0e, "000ecid a = b\n".length());
        assertEquals(0x2f, ("002f" + SIG).length());
    }
}
