package org.gatehouse.http;

/** The empty JSON object {@code {}} that many endpoints answer with. */
public record EmptyResponse() {

    public static final EmptyResponse INSTANCE = new EmptyResponse();
}
