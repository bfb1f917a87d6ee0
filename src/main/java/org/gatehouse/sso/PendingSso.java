package org.gatehouse.sso;

/**
 * What the callback of one redirect to an identity provider needs to resume.
 *
 * @param providerId   the provider the browser was sent to
 * @param nonce        the nonce the ID token must carry
 * @param codeVerifier the PKCE code verifier that redeems the code
 * @param redirectUrl  the client's {@code redirectUrl} for a login, else {@code null}
 * @param uiaSession   the UIA session for a re-authentication, else {@code null}
 */
record PendingSso(String providerId, String nonce, String codeVerifier, String redirectUrl, String uiaSession) {
}
