package org.gatehouse.infra;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A random identifier of the current request, made when first asked for, that ties its log lines together. */
@RequestScoped
public class RequestIds {

    @Inject
    SecureRandom random;

    private String id;

    /** Sixteen hex digits, the same for every call within one request. */
    public String current() {
        if (id == null) {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            id = HexFormat.of().formatHex(bytes);
        }
        return id;
    }
}
