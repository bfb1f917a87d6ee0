package org.gatehouse.http;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints whose responses carry a token (access, refresh or login token): every response
 * of theirs, errors included, is sent with {@code Cache-Control: no-store} ({@link NoStoreFilter}),
 * so that no cache between client and server keeps a credential (RFC 9111 §5.2.2.5).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NoStore {
}
