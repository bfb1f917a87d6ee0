package org.gatehouse.sso;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.gatehouse.config.ServerConfig;
import org.gatehouse.infra.UniqueViolations;
import org.gatehouse.ratelimit.LimitName;
import org.gatehouse.ratelimit.RateLimiter;

/**
 * {@code POST /_gatehouse/client/oidc/username} (form fields {@code session}, {@code username}):
 * the username picker's form (spec: "SSO client login" → "Handling the callback": the server maps
 * the user "to a valid Matrix user identifier"; here the user chooses it). The pending choice must
 * be this browser's (the binding cookie) and the form's {@code session} token must be the one the
 * picker page carried, which a page of another site cannot know (CSRF). A name that breaks the
 * grammar of new user IDs, is taken or is reserved by an application service shows the form again
 * with the reason (400) and the choice stays pending; a good one makes and links the account and
 * ends like a login callback (302 to a trusted client, else "Continue to …?") with the binding
 * cookie cleared. An unknown, used, expired or foreign choice is an error page (400) that leaves
 * the cookie alone (a forged cross-site post must not end the real user's choice). Shares the
 * {@code login.address} rate limit with {@code POST /login}.
 */
@Path("/" + SsoUsernameResource.PATH)
public class SsoUsernameResource {

    /** The form's path, relative to the public base. */
    static final String PATH = "_gatehouse/client/oidc/username";

    @Inject
    SsoLoginFlow flow;

    @Inject
    ServerConfig server;

    @Inject
    RateLimiter limits;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response choose(@FormParam("session") String session, @FormParam("username") String username,
                           @CookieParam(SsoCookies.NAME) String binding) {
        limits.consume(LimitName.LOGIN_ADDRESS);
        String basePath = uri.getBaseUri().getRawPath();
        try {
            Response response = SsoPages.signedIn(basePath, flow.chooseUsername(session, binding, username));
            return Response.fromResponse(response).header("Set-Cookie", SsoCookies.clear(server)).build();
        } catch (UsernameChoiceNeeded refused) {
            return again(basePath, session, refused.suggestion(), refused.problem());
        } catch (SsoFailure failure) {
            return SsoPages.error(basePath, failure.status(), failure.title(), failure.getMessage());
        } catch (RuntimeException failure) {
            if (!UniqueViolations.causedBy(failure)) {
                throw failure;
            }
            return again(basePath, session, username, "That username was taken a moment ago. Please choose another.");
        }
    }

    private static Response again(String basePath, String session, String suggestion, String problem) {
        return SsoPages.chooseUsername(basePath, 400, session, suggestion == null ? "" : suggestion, null, problem);
    }
}
