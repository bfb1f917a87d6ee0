package org.gatehouse.http;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import static org.gatehouse.http.JsonMapping.JSONP;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import org.gatehouse.config.HttpConfig;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;

/**
 * Reads every request body that binds to a record, whatever the {@code Content-Type} (the spec
 * makes the header optional, so a body without one is read as JSON). In order, and each with its
 * own Matrix error (spec: "API Standards"):
 * <ol>
 *   <li>more than {@code gatehouse.http.max-body-bytes} → 413 {@code M_TOO_LARGE};</li>
 *   <li>not UTF-8, or not JSON → 400 {@code M_NOT_JSON};</li>
 *   <li>JSON but not an object, or of the wrong types → 400 {@code M_BAD_JSON};</li>
 *   <li>a required ({@link NotNull}) field absent → 400 {@code M_MISSING_PARAM}; any other
 *       Bean Validation constraint broken → 400 {@code M_INVALID_PARAM}.</li>
 * </ol>
 * It reads {@link Record}s rather than {@code Object}s and is {@code @Dependent} (no client proxy, so
 * the runtime sees its {@code @Consumes}) so that every JAX-RS runtime prefers it to its own JSON
 * provider: Jersey (Payara) ranks readers by how close their type is to the entity's.
 */
@Provider
@Dependent
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonRequestReader implements MessageBodyReader<Record> {

    @Inject
    HttpConfig config;

    @Inject
    Validator validator;

    @Inject
    RequestContext context;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        String text = decode(readLimited(body, config.maxBodyBytes()));
        JsonLimits.checkDepth(text);
        JsonObject json = parseObject(text);
        JsonLimits.checkValues(json);
        context.body(json);
        JsonFieldTypes.check(type, json);
        Record request = bind(type, text);
        validate(request);
        return request;
    }

    /** Reads at most {@code limit} bytes; a longer body is 413 {@code M_TOO_LARGE}. */
    static byte[] readLimited(InputStream body, int limit) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new MatrixException(413, ErrCode.M_TOO_LARGE, "Request body is larger than " + limit + " bytes");
        }
        return bytes;
    }

    /** Strict UTF-8 decoding: malformed or unmappable input is 400 {@code M_NOT_JSON}. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MatrixException(400, ErrCode.M_NOT_JSON, "Content is not valid UTF-8");
        }
    }

    static JsonObject parseObject(String text) {
        JsonValue parsed;
        try (var reader = JSONP.createReader(new StringReader(text))) {
            parsed = reader.readValue();
        } catch (JsonException e) {
            throw new MatrixException(400, ErrCode.M_NOT_JSON, "Content not JSON");
        } catch (NumberFormatException | ArithmeticException e) {
            throw numberOutOfRange();
        }
        if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            throw MatrixException.badJson("Content must be a JSON object");
        }
        return parsed.asJsonObject();
    }

    static Record bind(Class<Record> type, String text) {
        try {
            return JsonMapping.JSONB.fromJson(text, type);
        } catch (JsonbException e) {
            throw MatrixException.badJson("Content has a field of the wrong type");
        } catch (NumberFormatException | ArithmeticException e) {
            throw numberOutOfRange();
        }
    }

    /** A number JSON allows but no Java number holds (e.g. {@code 1e99999999999}). */
    private static MatrixException numberOutOfRange() {
        return MatrixException.badJson("Content has a number out of range");
    }

    private void validate(Object request) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return;
        }
        ConstraintViolation<Object> first = violations.stream()
                .min(Comparator.comparing((ConstraintViolation<Object> v) -> !isMissing(v))
                        .thenComparing(v -> v.getPropertyPath().toString()))
                .orElseThrow();
        String field = snakeCase(first.getPropertyPath().toString());
        if (isMissing(first)) {
            throw MatrixException.missingParam("Missing parameter: " + field);
        }
        throw MatrixException.invalidParam("Invalid parameter " + field + ": " + first.getMessage());
    }

    private static boolean isMissing(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getAnnotation() instanceof NotNull;
    }

    /** {@code deviceId} → {@code device_id}: an underscore before each capital that follows a lower-case letter or digit. */
    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (i > 0 && c >= 'A' && c <= 'Z' && isLowerOrDigit(camel.charAt(i - 1))) {
                out.append('_');
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isLowerOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
