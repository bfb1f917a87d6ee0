package org.gatehouse.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One OpenID Connect identity provider of single sign-on, read from
 * {@code gatehouse.sso.provider.<id>.*} by {@link SsoConfig}.
 *
 * @param id                 the IdP id clients see in {@code identity_providers} and use in
 *                           {@code /login/sso/redirect/{idpId}}
 * @param issuer             the issuer URL; discovery reads {@code <issuer>/.well-known/openid-configuration}
 * @param clientId           our client id at the provider
 * @param clientSecret       our client secret, empty for a public client (PKCE only)
 * @param clientAuth         {@code client_secret_basic} or {@code client_secret_post}
 * @param scopes             the requested scopes, always including {@code openid}
 * @param name               the name shown to users
 * @param icon               an {@code mxc://} URI of the provider's icon, if any
 * @param brand              the spec's {@code brand} hint (e.g. {@code keycloak}), if any
 * @param algorithms         the ID-token signature algorithms accepted (an allow-list)
 * @param userinfo           whether to merge the userinfo endpoint's claims after the ID token's
 * @param localpartTemplate  template over claims for a new account's localpart, e.g. {@code {preferred_username}}
 * @param displayNameTemplate template over claims for a new account's display name, e.g. {@code {name}}
 * @param emailClaim         the claim whose value becomes the new account's e-mail address (only
 *                           when {@code email_verified} is true), empty for none
 * @param onConflict         what to do when the localpart is taken by an account not linked to
 *                           this subject (or the template gives no usable localpart):
 *                           {@code suffix} (append 1, 2, …), {@code refuse}, or {@code picker}
 *                           (the browser is shown a page to choose a localpart)
 * @param linkExisting       whether a first login links to an existing local account of the same
 *                           localpart instead of making a new one (off by default: only for
 *                           providers trusted to vouch for local usernames)
 * @param requiredClaims     claim → value every login must carry (a claim that is a list must contain the value)
 * @param linkByEmail        whether a first login links to the one existing account that has the
 *                           provider's verified {@code email} as its e-mail address (off by default)
 */
public record SsoProviderSettings(String id, String issuer, String clientId, String clientSecret, String clientAuth,
                                  List<String> scopes, String name, Optional<String> icon, Optional<String> brand,
                                  List<String> algorithms, boolean userinfo, String localpartTemplate,
                                  String displayNameTemplate, String emailClaim, Conflict onConflict,
                                  boolean linkExisting, Map<String, String> requiredClaims,
                                  boolean linkByEmail) {

    /** How a first login whose localpart is already taken is resolved. */
    public enum Conflict {
        /** Append the smallest number from 1 that makes the localpart free. */
        SUFFIX,
        /** Refuse the login with a page saying the name is taken. */
        REFUSE,
        /** Show the browser a page on which the user chooses a free localpart. */
        PICKER
    }
}
