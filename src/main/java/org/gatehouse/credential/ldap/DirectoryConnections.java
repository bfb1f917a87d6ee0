package org.gatehouse.credential.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.File;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.gatehouse.config.LdapConfig;

/**
 * Builds the connection pool of the directory from {@code gatehouse.ldap.*}: the URIs in failover
 * order, each attempt bounded by the connect and response timeouts; {@code ldaps://} and StartTLS
 * trusting the configured CA file (or the JVM trust store) with the server's host name checked;
 * connections bound as the service account (or anonymous). A connection found broken (the server
 * restarted) is replaced and the operation retried once, so the pool recovers without a restart.
 */
final class DirectoryConnections {

    private DirectoryConnections() {
    }

    /**
     * A new pool. It does not need the directory to be up: connections are made when needed.
     *
     * @throws IllegalStateException when the URIs or the CA file cannot be used
     */
    static LDAPConnectionPool pool(LdapConfig config) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(config.connectTimeoutMs());
        options.setResponseTimeoutMillis(config.responseTimeoutMs());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setUseKeepAlive(true);
        SSLSocketFactory tls = tlsSocketFactory(config);
        List<ServerSet> servers = new ArrayList<>();
        for (String uri : config.uris()) {
            servers.add(server(uri, tls, options));
        }
        ServerSet serverSet = servers.size() == 1 ? servers.get(0) : new FailoverServerSet(servers);
        BindRequest bind = config.bindDn().map(dn -> (BindRequest) new SimpleBindRequest(dn, config.bindPassword().orElse(""))).orElse(null);
        PostConnectProcessor startTls = config.startTls() ? new StartTLSPostConnectProcessor(tls) : null;
        try {
            LDAPConnectionPool pool = new LDAPConnectionPool(serverSet, bind, 0, config.poolSize(), 1, startTls, false);
            pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.allOf(OperationType.class));
            pool.setMaxWaitTimeMillis(config.responseTimeoutMs());
            pool.setConnectionPoolName("gatehouse-ldap");
            return pool;
        } catch (LDAPException e) {
            throw new IllegalStateException("gatehouse.ldap: cannot make the connection pool: " + e.getMessage(), e);
        }
    }

    private static ServerSet server(String uri, SSLSocketFactory tls, LDAPConnectionOptions options) {
        try {
            LDAPURL url = new LDAPURL(uri);
            boolean ldaps = "ldaps".equals(url.getScheme().toLowerCase(Locale.ROOT));
            return ldaps ? new SingleServerSet(url.getHost(), url.getPort(), tls, options)
                    : new SingleServerSet(url.getHost(), url.getPort(), options);
        } catch (LDAPException e) {
            throw new IllegalStateException("gatehouse.ldap.uris: '" + uri + "' is not an LDAP URI: " + e.getMessage(), e);
        }
    }

    private static SSLSocketFactory tlsSocketFactory(LdapConfig config) {
        try {
            TrustManager trust = config.caFile().isPresent()
                    ? new PEMFileTrustManager(new File(config.caFile().get()))
                    : jvmTrustManager();
            return new SSLUtil(trust).createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("gatehouse.ldap.ca-file: cannot use '" + config.caFile().orElse("(JVM trust store)")
                    + "': " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jvmTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((java.security.KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}
