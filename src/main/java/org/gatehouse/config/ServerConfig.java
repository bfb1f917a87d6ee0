package org.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.user.UserId;

/**
 * Section {@code gatehouse.*} (server identity): {@code gatehouse.server-name}, the Matrix server
 * name in user IDs, and {@code gatehouse.public-base-url}, the URL clients reach Gatehouse at
 * (advertised by {@code /.well-known/matrix/client}).
 */
@ApplicationScoped
public class ServerConfig implements ValidatedConfig {

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
        problems.require(UserId.isValidServerName(serverName),
                "gatehouse.server-name must be a Matrix server name (hostname[:port]), was '" + serverName + "'");
        problems.require(isHttpUrl(publicBaseUrl),
                "gatehouse.public-base-url must be an absolute http or https URL, was '" + publicBaseUrl + "'");
    }

    /** Whether {@code value} is an absolute http or https URL with a host. */
    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
