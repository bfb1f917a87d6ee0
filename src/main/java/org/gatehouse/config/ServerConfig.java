package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.*} (server identity): {@code gatehouse.server-name}, the Matrix server
 * name in user IDs, and {@code gatehouse.public-base-url}, the URL clients reach Gatehouse at
 * (advertised by {@code /.well-known/matrix/client}).
 */
@ApplicationScoped
public class ServerConfig implements ValidatedConfig {

    /** Appendix "Server Name": hostname (DNS name, IPv4 or bracketed IPv6) with an optional port. */
    private static final Pattern SERVER_NAME = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9.-]{1,255})(:[0-9]{1,5})?");

    private String serverName;
    private String publicBaseUrl;

    protected ServerConfig() {
    }

    @Inject
    public ServerConfig(@ConfigProperty(name = "gatehouse.server-name", defaultValue = "localhost") String serverName,
                        @ConfigProperty(name = "gatehouse.public-base-url", defaultValue = "http://localhost:8080/") String publicBaseUrl) {
        this.serverName = serverName.trim();
        this.publicBaseUrl = publicBaseUrl.trim();
    }

    public String serverName() {
        return serverName;
    }

    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    @Override
    public void validate(ConfigProblems problems) {
        problems.require(SERVER_NAME.matcher(serverName).matches(),
                "gatehouse.server-name must be a Matrix server name (hostname[:port]), was '" + serverName + "'");
        problems.require(isHttpUrl(publicBaseUrl),
                "gatehouse.public-base-url must be an absolute http or https URL, was '" + publicBaseUrl + "'");
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
