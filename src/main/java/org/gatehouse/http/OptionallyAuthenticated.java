package org.gatehouse.http;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints that serve anyone but learn who is asking when an access token is presented:
 * {@code /register} and {@code /login}, which application services call with their
 * {@code as_token}. {@link OptionalAccessTokenFilter} authenticates such a token.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OptionallyAuthenticated {
}
