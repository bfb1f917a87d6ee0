package org.gatehouse.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link Authenticated} endpoints that a locked account may still call (spec: "Account
 * locking": {@code POST /logout} and {@code POST /logout/all}). Every other authenticated endpoint
 * answers a locked account with 401 {@code M_USER_LOCKED} ({@link AccountLockCheck}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowLocked {
}
