package org.gatehouse.http;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Writes every response record with Gatehouse's own JSON-B mapping ({@link JsonMapping}) as
 * UTF-8 {@code application/json}, so the wire format does not depend on which JSON provider the
 * server prefers. It writes {@link Record}s rather than {@code Object}s so that every JAX-RS runtime
 * prefers it to its own JSON provider: Jersey (Payara) ranks writers by how close their type is to
 * the entity's.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonResponseWriter implements MessageBodyWriter<Record> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public void writeTo(Record response, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
        headers.putSingle("Content-Type", JsonMapping.JSON_UTF8);
        out.write(JsonMapping.JSONB.toJson(response).getBytes(StandardCharsets.UTF_8));
    }
}
