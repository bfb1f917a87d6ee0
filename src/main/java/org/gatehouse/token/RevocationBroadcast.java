package org.gatehouse.token;

/**
 * How the nodes of a cluster tell each other about revoked tokens, so that a token revoked on one
 * node is refused by every node's {@link TokenCache} (the port; the single-node implementation
 * publishes nothing and is always receiving).
 *
 * <p>An implementation delivers each published revocation to {@link TokenCache#remoteRevocation}
 * on every other node once, after the publishing transaction has committed, and never for a
 * transaction that rolled back. While it cannot guarantee delivery (not yet connected, connection
 * lost) it answers {@code false} from {@link #receiving()}, and when delivery resumes it calls
 * {@link TokenCache#forgetAll()} before answering {@code true} again.
 */
public interface RevocationBroadcast {

    /** Publishes {@code revocation} to the other nodes when the current transaction commits. */
    void publish(TokenCache.Revocation revocation);

    /** Whether every revocation published by another node is being delivered here now. */
    boolean receiving();

    /** A single node: nothing to tell, nothing to miss. */
    RevocationBroadcast SINGLE_NODE = new RevocationBroadcast() {
        @Override
        public void publish(TokenCache.Revocation revocation) {
        }

        @Override
        public boolean receiving() {
            return true;
        }
    };
}
