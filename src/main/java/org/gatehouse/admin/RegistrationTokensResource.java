package org.gatehouse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.gatehouse.http.Authenticated;
import org.gatehouse.http.EmptyResponse;
import org.gatehouse.http.RequestContext;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.infra.Audit;
import org.gatehouse.register.RegistrationTokenView;
import org.gatehouse.register.RegistrationTokens;

/**
 * {@code /_synapse/admin/v1/registration_tokens}: the registration tokens of
 * {@code m.login.registration_token} (spec: "Token-authenticated registration"), managed through
 * an API compatible with Synapse's admin API of that name. Server admins only: anyone else is 403
 * {@code M_FORBIDDEN}. An unknown token is 404 {@code M_NOT_FOUND}; invalid values are 400
 * {@code M_INVALID_PARAM} (fields of the wrong JSON type 400 {@code M_BAD_JSON}).
 */
@ApplicationScoped
@Path("/_synapse/admin/v1/registration_tokens")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RegistrationTokensResource {

    /** {@code GET}: every token (or only the valid/invalid ones). */
    public record TokenList(List<RegistrationTokenView> registrationTokens) {
    }

    /** {@code POST /new}: every field optional. */
    public record NewToken(String token, Long usesAllowed, Long expiryTime, Integer length) {
    }

    /** {@code PUT /{token}}: an absent field is left as it is, {@code null} removes the limit. */
    public record TokenChanges(Long usesAllowed, Long expiryTime) {
    }

    @Inject
    RegistrationTokens tokens;

    @Inject
    RequestContext context;

    @Inject
    Audit audit;

    /** Lists tokens; {@code valid=true|false} keeps only the usable or the expired/used-up ones. */
    @GET
    public TokenList list(@QueryParam("valid") String valid) {
        requireAdmin();
        TokenList list = new TokenList(tokens.list(parseBoolean(valid)));
        audited("registration_token_list");
        return list;
    }

    @GET
    @Path("/{token}")
    public RegistrationTokenView get(@PathParam("token") String token) {
        requireAdmin();
        RegistrationTokenView found = tokens.get(token);
        audited("registration_token_query");
        return found;
    }

    /** Creates a token; without {@code token} one of {@code length} (default 16) characters is generated. */
    @POST
    @Path("/new")
    public RegistrationTokenView create(NewToken request) {
        requireAdmin();
        RegistrationTokenView created = tokens.create(request.token(), request.length(), request.usesAllowed(),
                request.expiryTime());
        audited("registration_token_create");
        return created;
    }

    /** Changes {@code uses_allowed} and/or {@code expiry_time}; neither present is 400 {@code M_MISSING_PARAM}. */
    @PUT
    @Path("/{token}")
    public RegistrationTokenView update(@PathParam("token") String token, TokenChanges request) {
        requireAdmin();
        JsonObject body = context.body();
        RegistrationTokenView updated = tokens.update(token, body.containsKey("uses_allowed"), request.usesAllowed(),
                body.containsKey("expiry_time"), request.expiryTime());
        audited("registration_token_update");
        return updated;
    }

    @DELETE
    @Path("/{token}")
    public EmptyResponse delete(@PathParam("token") String token) {
        requireAdmin();
        tokens.delete(token);
        audited("registration_token_delete");
        return EmptyResponse.INSTANCE;
    }

    /** One audit line per call, reads included; the token itself is a secret and is never logged. */
    private void audited(String action) {
        audit.adminAction(context.requester().userId(), action, "registration_tokens");
    }

    private void requireAdmin() {
        if (!context.requester().admin()) {
            throw MatrixException.forbidden("You are not a server admin");
        }
    }

    private static Optional<Boolean> parseBoolean(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw MatrixException.invalidParam("Boolean query parameter 'valid' must be one of ['true', 'false']");
        };
    }
}
