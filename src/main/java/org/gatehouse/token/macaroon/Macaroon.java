package org.gatehouse.token.macaroon;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An immutable macaroon with first-party caveats only, interoperable with libmacaroons and
 * pymacaroons (the format Synapse used for its access and login tokens).
 *
 * <h2>Signature chain</h2>
 * All MACs are HMAC-SHA256 ({@link Mac}); strings are signed as their UTF-8 bytes.
 * <pre>
 *   derived   = HMAC(key = "macaroons-key-generator", message = rootKey)
 *   sig₀      = HMAC(key = derived, message = identifier)
 *   sigᵢ      = HMAC(key = sigᵢ₋₁, message = caveatᵢ)
 *   signature = sigₙ
 * </pre>
 * Anyone holding a macaroon can add a caveat (restricting it further) but, without the root key,
 * cannot remove, change or reorder one.
 *
 * <h2>Serialisation ("v1", pymacaroons' default {@code serialize()})</h2>
 * A sequence of packets, in this order: {@code location}, {@code identifier}, one {@code cid} per
 * caveat, {@code signature}. Each packet is
 * <pre>  4 lowercase hex digits: total packet length, header and newline included
 *   key ' ' value '\n'</pre>
 * where the signature's value is its 32 raw bytes and every other value is UTF-8 text. The packets
 * are concatenated and encoded as URL-safe base64 without padding, e.g.
 * {@code "0013identifier key\n"} is the identifier packet for {@code key}. Lengths count UTF-8
 * bytes, as in libmacaroons; pymacaroons 0.13 counts characters for the location and identifier
 * (not for caveats), so only ASCII locations and identifiers (what Synapse used) interoperate
 * with it.
 *
 * <p>{@link #deserialize} also accepts the standard base64 alphabet and padding (as pymacaroons
 * does) but is otherwise strict: third-party caveats ({@code vid}/{@code cl}), unknown or
 * misordered packets, bad lengths, malformed UTF-8 and tokens longer than
 * {@value #MAX_TOKEN_LENGTH} characters are rejected. A {@code Macaroon} can only be built when its
 * serialisation fits within that limit, so every macaroon this class makes can be read back.
 */
public final class Macaroon {

    /** The longest serialised macaroon, in characters, that is built or parsed: 8 KiB. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;

    private static final int SIGNATURE_LENGTH = 32;
    private static final int HEADER_LENGTH = 4;
    private static final byte[] KEY_GENERATOR = "macaroons-key-generator".getBytes(StandardCharsets.US_ASCII);
    private static final String LOCATION = "location";
    private static final String IDENTIFIER = "identifier";
    private static final String CID = "cid";
    private static final String SIGNATURE = "signature";

    private final String location;
    private final String identifier;
    private final List<String> caveats;
    private final byte[] signature;

    private Macaroon(String location, String identifier, List<String> caveats, byte[] signature) {
        this.location = location;
        this.identifier = identifier;
        this.caveats = List.copyOf(caveats);
        this.signature = signature.clone();
        int rawLength = packetLength(LOCATION, utf8(location)) + packetLength(IDENTIFIER, utf8(identifier))
                + packetLength(SIGNATURE, signature);
        for (String caveat : caveats) {
            rawLength += packetLength(CID, utf8(caveat));
        }
        if ((rawLength * 4L + 2) / 3 > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a macaroon must serialise to at most " + MAX_TOKEN_LENGTH + " characters");
        }
    }

    /**
     * A new macaroon without caveats, signed with {@code rootKey}.
     *
     * @throws IllegalArgumentException if the root key is empty, a string is not well-formed
     *     UTF-16 (an unpaired surrogate), or the macaroon would be too long
     */
    public static Macaroon mint(byte[] rootKey, String location, String identifier) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(identifier, "identifier");
        return new Macaroon(location, identifier, List.of(), initialSignature(rootKey, identifier));
    }

    /**
     * This macaroon with one more first-party caveat, such as {@code user_id = @alice:example.org};
     * this macaroon is unchanged. The root key is not needed.
     *
     * @throws IllegalArgumentException if the predicate is not well-formed UTF-16 or the macaroon
     *     would be too long
     */
    public Macaroon withFirstPartyCaveat(String predicate) {
        Objects.requireNonNull(predicate, "predicate");
        List<String> more = new ArrayList<>(caveats);
        more.add(predicate);
        return new Macaroon(location, identifier, more, hmac(signature, utf8(predicate)));
    }

    /** The v1 serialisation, URL-safe base64 without padding (byte-for-byte what pymacaroons emits). */
    public String serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writePacket(out, LOCATION, utf8(location));
        writePacket(out, IDENTIFIER, utf8(identifier));
        for (String caveat : caveats) {
            writePacket(out, CID, utf8(caveat));
        }
        writePacket(out, SIGNATURE, signature);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /**
     * Parses a v1 serialisation. Never throws: {@code null}, empty, over-long or malformed input,
     * and macaroons with third-party caveats, give {@link Optional#empty()}. The signature is not
     * checked here: call {@link #verify}.
     */
    public static Optional<Macaroon> deserialize(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            return parse(decodeBase64(token));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * True when the signature is the one {@code rootKey} gives this identifier and these caveats
     * (compared in constant time) and {@code caveatSatisfied} accepts every caveat. The predicate
     * is asked only about caveats of a correctly signed macaroon; it should answer false for a
     * caveat it does not know.
     *
     * @throws IllegalArgumentException if the root key is empty
     */
    public boolean verify(byte[] rootKey, Predicate<String> caveatSatisfied) {
        Objects.requireNonNull(caveatSatisfied, "caveatSatisfied");
        byte[] expected = initialSignature(rootKey, identifier);
        for (String caveat : caveats) {
            expected = hmac(expected, utf8(caveat));
        }
        if (!MessageDigest.isEqual(expected, signature)) {
            return false;
        }
        return caveats.stream().allMatch(caveatSatisfied);
    }

    /**
     * The value of the first caveat of the form {@code key = value} (exactly one space either side
     * of {@code =}, as Synapse writes them), e.g. {@code user_id} in {@code user_id = @a:b} gives
     * {@code @a:b}.
     */
    public static Optional<String> caveatValue(List<String> caveats, String key) {
        String prefix = key + " = ";
        return caveats.stream().filter(c -> c.startsWith(prefix)).findFirst().map(c -> c.substring(prefix.length()));
    }

    /** {@link #caveatValue(List, String)} over this macaroon's caveats. */
    public Optional<String> caveatValue(String key) {
        return caveatValue(caveats, key);
    }

    /** Where the macaroon is meant to be used (a hint; may be empty; not signed). */
    public String location() {
        return location;
    }

    /** The identifier the root signature covers. */
    public String identifier() {
        return identifier;
    }

    /** The first-party caveats in order, unmodifiable. */
    public List<String> caveats() {
        return caveats;
    }

    /** A copy of the 32-byte signature. */
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Macaroon that
                && location.equals(that.location)
                && identifier.equals(that.identifier)
                && caveats.equals(that.caveats)
                && MessageDigest.isEqual(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, identifier, caveats, Arrays.hashCode(signature));
    }

    /** Location, identifier and caveats; never the signature, which is the secret part. */
    @Override
    public String toString() {
        return "Macaroon[location=" + location + ", identifier=" + identifier + ", caveats=" + caveats + "]";
    }

    // --- signing ---

    private static byte[] initialSignature(byte[] rootKey, String identifier) {
        Objects.requireNonNull(rootKey, "rootKey");
        if (rootKey.length == 0) {
            throw new IllegalArgumentException("the root key must not be empty");
        }
        return hmac(hmac(KEY_GENERATOR, rootKey), utf8(identifier));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    // --- encoding ---

    /** UTF-8 bytes, refusing strings (unpaired surrogates) that would not round-trip. */
    private static byte[] utf8(String text) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            return Arrays.copyOfRange(bytes.array(), bytes.arrayOffset() + bytes.position(),
                    bytes.arrayOffset() + bytes.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not well-formed Unicode: " + e.getMessage(), e);
        }
    }

    private static String text(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static int packetLength(String key, byte[] value) {
        return HEADER_LENGTH + key.length() + 1 + value.length + 1;
    }

    private static void writePacket(ByteArrayOutputStream out, String key, byte[] value) {
        out.writeBytes(String.format("%04x", packetLength(key, value)).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(key.getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(value);
        out.write('\n');
    }

    /** URL-safe or standard alphabet, with or without (correct) padding; anything else throws. */
    private static byte[] decodeBase64(String token) {
        String body = token;
        if (token.endsWith("=")) {
            if (token.length() % 4 != 0) {
                throw new IllegalArgumentException("bad padding");
            }
            body = token.endsWith("==") ? token.substring(0, token.length() - 2) : token.substring(0, token.length() - 1);
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '+' || c == '/';
            if (!ok) {
                throw new IllegalArgumentException("not base64");
            }
        }
        return Base64.getUrlDecoder().decode(body.replace('+', '-').replace('/', '_'));
    }

    // --- parsing ---

    private static Optional<Macaroon> parse(byte[] raw) throws CharacterCodingException {
        List<byte[][]> packets = new ArrayList<>();
        int at = 0;
        while (at < raw.length) {
            if (raw.length - at < HEADER_LENGTH) {
                return Optional.empty();
            }
            int length = parseHexLength(raw, at);
            if (length < HEADER_LENGTH + 2 || length > raw.length - at || raw[at + length - 1] != '\n') {
                return Optional.empty();
            }
            int space = indexOf(raw, (byte) ' ', at + HEADER_LENGTH, at + length - 1);
            if (space < 0) {
                return Optional.empty();
            }
            packets.add(new byte[][] {
                Arrays.copyOfRange(raw, at + HEADER_LENGTH, space),
                Arrays.copyOfRange(raw, space + 1, at + length - 1)});
            at += length;
        }
        // location, identifier, cid*, signature — nothing else, in exactly that order
        int n = packets.size();
        if (n < 3 || !isKey(packets.get(0), LOCATION) || !isKey(packets.get(1), IDENTIFIER)
                || !isKey(packets.get(n - 1), SIGNATURE) || packets.get(n - 1)[1].length != SIGNATURE_LENGTH) {
            return Optional.empty();
        }
        List<String> caveats = new ArrayList<>();
        for (byte[][] packet : packets.subList(2, n - 1)) {
            if (!isKey(packet, CID)) {
                return Optional.empty();
            }
            caveats.add(text(packet[1]));
        }
        return Optional.of(new Macaroon(text(packets.get(0)[1]), text(packets.get(1)[1]), caveats, packets.get(n - 1)[1]));
    }

    /** The 4 lowercase hex digits at {@code at}, or -1. */
    private static int parseHexLength(byte[] raw, int at) {
        int value = 0;
        for (int i = at; i < at + HEADER_LENGTH; i++) {
            int digit = Character.digit(raw[i], 16);
            if (digit < 0 || (raw[i] >= 'A' && raw[i] <= 'F')) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static int indexOf(byte[] raw, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isKey(byte[][] packet, String key) {
        return Arrays.equals(packet[0], key.getBytes(StandardCharsets.US_ASCII));
    }
}
