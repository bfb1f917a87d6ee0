package org.gatehouse.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks {@link Authenticated} endpoints that application services may not call with their
 * {@code as_token}: identity assertion "applies to all aspects of the Client-Server API, except
 * for Account Management" (Application Service API, "Identity assertion"), that is, password
 * changes and account deactivation. {@link AccessTokenFilter} answers 403 {@code M_FORBIDDEN}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NotForAppServices {
}
