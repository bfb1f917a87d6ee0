package org.gatehouse.token;

import java.util.Optional;
import org.gatehouse.http.Requester;

/**
 * A kind of access token that Gatehouse accepts but never issues or stores, such as an
 * application service's {@code as_token}. Implementations are CDI beans; {@link TokenService}
 * asks each of them about a token that its verified-token cache does not hold, before the
 * formats it issues ({@link AccessTokenStrategy}), so that ordinary tokens in use never reach
 * them. A kind holds only hashes of its tokens and compares them in constant time.
 */
public interface AccessTokenKind {

    /**
     * The requester that the token with SHA-256 {@code tokenHash} ({@link TokenHashes}) authenticates,
     * when it is a token of this kind; empty when it is not.
     *
     * @param assertion the identity the request asserts, which a kind may honour or refuse
     * @throws org.gatehouse.http.error.MatrixException when the token is of this kind but the
     *         asserted identity may not be used
     */
    Optional<Requester> authenticate(String tokenHash, IdentityAssertion assertion);
}
