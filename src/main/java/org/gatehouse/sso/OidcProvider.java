package org.gatehouse.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.config.SsoProviderSettings;

/**
 * The OpenID Connect relying party for one provider, built on the Nimbus OAuth 2.0 SDK (no JOSE
 * of our own): discovery of the provider's metadata (on first use, then kept), the authorization
 * request (code flow, PKCE S256, {@code state}, {@code nonce}), the token request, and the ID
 * token's validation: signature against the provider's JWKS (fetched and cached by Nimbus, and
 * fetched again when a token names a key it does not know, so key rotation works), only the
 * configured algorithms, {@code iss}, {@code aud} containing our client id, {@code exp},
 * {@code iat} (60 s clock skew) and {@code nonce}. Optionally the userinfo claims are merged in
 * (their {@code sub} must be the ID token's). Thread-safe.
 */
class OidcProvider {

    private static final Logger LOG = Logger.getLogger(OidcProvider.class.getName());
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private final SsoProviderSettings settings;
    private volatile Discovered discovered;

    /** The provider's metadata and the validators built from it. */
    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator idTokens, JWKSource<SecurityContext> keys) {
    }

    OidcProvider(SsoProviderSettings settings) {
        this.settings = settings;
    }

    SsoProviderSettings settings() {
        return settings;
    }

    /** The URL the browser is sent to. */
    URI authorizationUrl(URI callback, String state, String nonce, String codeVerifier) {
        OIDCProviderMetadata metadata = discovered().metadata();
        return new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope(settings.scopes().toArray(String[]::new)), new ClientID(settings.clientId()), callback)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /**
     * Redeems {@code code} and validates the ID token it brings.
     *
     * @throws SsoFailure 502 when the provider cannot be reached or refuses the code (a PKCE
     *         mismatch among others), 403 when the ID token fails validation
     */
    IdpIdentity redeem(String code, URI callback, String codeVerifier, String nonce) {
        Discovered provider = discovered();
        TokenRequest request = new TokenRequest(provider.metadata().getTokenEndpointURI(), clientAuthentication(),
                new AuthorizationCodeGrant(new AuthorizationCode(code), callback, new CodeVerifier(codeVerifier)));
        OIDCTokenResponse tokens = tokenResponse(request);
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw refused("the provider sent no ID token", null);
        }
        IDTokenClaimsSet claims;
        try {
            claims = provider.idTokens().validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw refused("ID token rejected: " + e.getMessage(), e);
        }
        Map<String, Object> merged = new HashMap<>(claims.toJSONObject());
        if (settings.userinfo() && provider.metadata().getUserInfoEndpointURI() != null) {
            merged.putAll(userinfo(provider.metadata().getUserInfoEndpointURI(), tokens.getOIDCTokens().getBearerAccessToken(),
                    claims.getSubject().getValue()));
        }
        merged.putAll(claims.toJSONObject());
        Optional<String> sid = Optional.ofNullable(claims.getStringClaim("sid"));
        return new IdpIdentity(settings.id(), claims.getSubject().getValue(), sid, merged);
    }

    /**
     * The session and subject a back-channel logout token (OpenID Connect Back-Channel Logout 1.0)
     * names, after Nimbus checked it like an ID token (signature against the JWKS with the allowed
     * algorithms, {@code iss}, {@code aud}, {@code iat}, 60 s skew) plus the logout rules: the
     * back-channel logout event in {@code events}, {@code sid} or {@code sub}, no {@code nonce}.
     *
     * @return {@code [sid or null, sub or null]}
     * @throws SsoFailure 400 when the token is not a valid logout token of this provider
     */
    String[] logoutSession(String logoutToken) {
        Discovered provider = discovered();
        LogoutTokenValidator validator = new LogoutTokenValidator(provider.metadata().getIssuer(),
                new ClientID(settings.clientId()), new JWSVerificationKeySelector<>(algorithms(), provider.keys()), null);
        validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        try {
            LogoutTokenClaimsSet claims = validator.validate(JWTParser.parse(logoutToken));
            return new String[] {claims.getSessionID() == null ? null : claims.getSessionID().getValue(),
                    claims.getSubject() == null ? null : claims.getSubject().getValue()};
        } catch (java.text.ParseException | BadJOSEException | JOSEException e) {
            LOG.log(Level.INFO, "SSO provider " + settings.id() + ": logout token rejected: " + e.getMessage());
            throw new SsoFailure(400, "Invalid logout token", "The logout token is not valid");
        }
    }

    /** The accepted signature algorithms. */
    private Set<JWSAlgorithm> algorithms() {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        settings.algorithms().forEach(name -> algorithms.add(JWSAlgorithm.parse(name)));
        return algorithms;
    }

    private ClientAuthentication clientAuthentication() {
        ClientID client = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        return "client_secret_post".equals(settings.clientAuth()) ? new ClientSecretPost(client, secret)
                : new ClientSecretBasic(client, secret);
    }

    private OIDCTokenResponse tokenResponse(TokenRequest request) {
        TokenResponse response;
        try {
            HTTPRequest http = timed(request.toHTTPRequest());
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | ParseException e) {
            throw unreachable("token request failed", e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            LOG.info(() -> "SSO provider " + settings.id() + " refused the code: " + error.getCode() + " " + error.getDescription());
            throw new SsoFailure(403, "Sign-in failed", "The identity provider did not accept the sign-in. Please start again.");
        }
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    private Map<String, Object> userinfo(URI endpoint, BearerAccessToken accessToken, String subject) {
        try {
            UserInfoResponse response = UserInfoResponse.parse(timed(new UserInfoRequest(endpoint, accessToken).toHTTPRequest()).send());
            if (!response.indicatesSuccess()) {
                throw unreachable("userinfo refused: " + response.toErrorResponse().getErrorObject().getCode(), null);
            }
            var info = response.toSuccessResponse().getUserInfo();
            if (info == null || !subject.equals(info.getSubject().getValue())) {
                throw refused("userinfo names another subject", null);
            }
            return info.toJSONObject();
        } catch (IOException | ParseException e) {
            throw unreachable("userinfo request failed", e);
        }
    }

    private Discovered discovered() {
        Discovered known = discovered;
        if (known == null) {
            synchronized (this) {
                known = discovered;
                if (known == null) {
                    known = discover();
                    discovered = known;
                }
            }
        }
        return known;
    }

    private Discovered discover() {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
            JWKSource<SecurityContext> keys = JWKSourceBuilder
                    .create(metadata.getJWKSetURI().toURL(), new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, 512 * 1024))
                    .build();
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(settings.clientId()),
                    new JWSVerificationKeySelector<>(algorithms(), keys), null);
            validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
            return new Discovered(metadata, validator, keys);
        } catch (GeneralException | IOException e) {
            throw unreachable("discovery of " + settings.issuer() + " failed", e);
        }
    }

    private static HTTPRequest timed(HTTPRequest request) {
        request.setConnectTimeout(CONNECT_TIMEOUT_MS);
        request.setReadTimeout(READ_TIMEOUT_MS);
        return request;
    }

    private SsoFailure unreachable(String detail, Exception cause) {
        LOG.log(Level.WARNING, "SSO provider " + settings.id() + ": " + detail, cause);
        return new SsoFailure(502, "Identity provider unavailable",
                "The identity provider " + settings.name() + " could not be reached. Please try again later.");
    }

    private SsoFailure refused(String detail, Exception cause) {
        LOG.log(Level.INFO, "SSO provider " + settings.id() + ": " + detail, cause);
        return new SsoFailure(403, "Sign-in failed", "The identity provider's answer could not be verified. Please start again.");
    }
}
