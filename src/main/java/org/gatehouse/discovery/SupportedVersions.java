package org.gatehouse.discovery;

import java.util.List;

/**
 * The Client-Server API versions whose authentication endpoints Gatehouse serves as specified.
 * A version is listed only once every authentication endpoint that version requires works.
 */
final class SupportedVersions {

    /** Ordered oldest first, as {@code GET /_matrix/client/versions} reports them. */
    static final List<String> VERSIONS = List.of("v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8",
            "v1.9", "v1.10", "v1.11", "v1.12", "v1.13");

    private SupportedVersions() {
    }
}
