package org.gatehouse.appservice;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.gatehouse.config.AppServiceConfig;
import org.gatehouse.config.ConfigProblems;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.config.ValidatedConfig;
import org.gatehouse.http.Requester;
import org.gatehouse.http.error.ErrCode;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.user.UserId;

/**
 * The application services registered with this server (spec: Application Service API,
 * "Registration"): the files of {@code gatehouse.app-services.config-files}, read once when the
 * application starts. A file that cannot be read or used, two registrations with one {@code id},
 * and a token used by two registrations (as the {@code as_token} of both, or as one's
 * {@code as_token} and the other's {@code hs_token}) fail the deployment with a message naming the
 * files; ignored keys are logged as warnings. Only hashes of the tokens are kept.
 */
@ApplicationScoped
public class AppServiceRegistry implements ValidatedConfig {

    private static final Logger LOG = Logger.getLogger(AppServiceRegistry.class.getName());

    @Inject
    AppServiceConfig config;

    @Inject
    ServerConfig server;

    private final ConfigProblems problems = new ConfigProblems();
    List<AppService> services = List.of();

    @PostConstruct
    void load() {
        services = load(config.files(), server.serverName(), problems);
        if (!services.isEmpty()) {
            LOG.info(() -> services.size() + " application services registered: "
                    + services.stream().map(AppService::id).toList());
        }
    }

    /**
     * The registrations in {@code files}, with every problem and warning added to {@code problems}.
     */
    static List<AppService> load(List<Path> files, String serverName, ConfigProblems problems) {
        List<AppService> loaded = new ArrayList<>();
        Map<String, AppService> byId = new HashMap<>();
        Map<String, TokenUse> tokenUses = new HashMap<>();
        for (Path file : files) {
            try {
                RegistrationFile.Parsed parsed = RegistrationFile.parse(Files.readString(file, StandardCharsets.UTF_8),
                        file.toString(), serverName);
                parsed.warnings().forEach(warning -> problems.recommend(false, warning));
                AppService service = parsed.service();
                AppService sameId = byId.putIfAbsent(service.id(), service);
                problems.require(sameId == null, file + ": the id " + service.id() + " is also the id of "
                        + (sameId == null ? "" : sameId.source()));
                claim(tokenUses, service.tokenHashes().asToken(), new TokenUse(file, "as_token"), problems);
                claim(tokenUses, service.tokenHashes().hsToken(), new TokenUse(file, "hs_token"), problems);
                loaded.add(service);
            } catch (IOException e) {
                problems.require(false, file + ": cannot be read: " + e.getMessage());
            } catch (RegistrationFile.InvalidRegistration e) {
                problems.require(false, e.getMessage());
            }
        }
        return List.copyOf(loaded);
    }

    /** Where a token is used: the file and the key. */
    private record TokenUse(Path file, String key) {
        @Override
        public String toString() {
            return file + " (" + key + ")";
        }
    }

    /** Records that the token with {@code hash} is used as {@code use}; a use in another file is a problem. */
    private static void claim(Map<String, TokenUse> tokenUses, String hash, TokenUse use, ConfigProblems problems) {
        TokenUse earlier = tokenUses.putIfAbsent(hash, use);
        problems.require(earlier == null || earlier.file().equals(use.file()),
                use + " is the same token as " + earlier + "; every application service needs tokens of its own");
    }

    /** Every registration, in the order of the configured files. */
    public List<AppService> all() {
        return services;
    }

    /** Whether any application service is registered. */
    public boolean any() {
        return !services.isEmpty();
    }

    /**
     * The registration of the application service that makes a request with its {@code as_token}
     * (spec: Application Service API, "Server admin style permissions": {@code /register} and
     * {@code /login} "without a valid {@code as_token}" answer 401).
     *
     * @throws MatrixException 401 {@code M_UNKNOWN_TOKEN} when {@code requester} is not an
     *         application service
     */
    public AppService serviceOf(Requester requester) {
        return Optional.ofNullable(requester.appService())
                .flatMap(actor -> services.stream().filter(service -> service.id().equals(actor.id())).findFirst())
                .orElseThrow(() -> new MatrixException(401, ErrCode.M_UNKNOWN_TOKEN,
                        "The access token is not an application service's as_token", Map.of("soft_logout", false)));
    }

    /**
     * The registration whose {@code as_token} has this SHA-256 ({@link org.gatehouse.token.TokenHashes}).
     * Every registration's hash is compared, in constant time, whichever matches.
     */
    public Optional<AppService> byAsTokenHash(String tokenHash) {
        if (services.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = tokenHash.getBytes(StandardCharsets.US_ASCII);
        AppService found = null;
        for (AppService service : services) {
            if (service.hasAsTokenHash(presented) && found == null) {
                found = service;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The services that claim {@code user} exclusively (its sender, or an exclusive user namespace). */
    public List<AppService> exclusiveOwners(UserId user) {
        return services.stream().filter(service -> service.claimsExclusively(user)).toList();
    }

    @Override
    public void validate(ConfigProblems problems) {
        this.problems.messages().forEach(message -> problems.require(false, message));
        this.problems.warnings().forEach(warning -> problems.recommend(false, warning));
    }
}
