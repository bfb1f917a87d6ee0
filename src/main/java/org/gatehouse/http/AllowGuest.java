package org.gatehouse.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks {@link Authenticated} endpoints that guest accounts may call (spec: "Guest Access").
 * Any other authenticated endpoint answers a guest with 403 {@code M_GUEST_ACCESS_FORBIDDEN}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowGuest {
}
