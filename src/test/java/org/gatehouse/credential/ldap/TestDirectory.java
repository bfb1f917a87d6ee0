package org.gatehouse.credential.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.config.LdapConfig;

/**
 * The UnboundID in-memory directory of the tests, on a loopback port of its own, loaded with
 * {@code ldap/people.ldif} under the standard schema plus the Active Directory-like auxiliary
 * schema {@code ldap/ad-schema.ldif}; and {@link LdapConfig}s pointing at it.
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE = "dc=example,dc=org";
    public static final String SERVICE_DN = "cn=gatehouse,ou=services,dc=example,dc=org";
    public static final String GROUP_FILTER = "(memberOf=cn=matrix-users,ou=groups,dc=example,dc=org)";

    private final InMemoryDirectoryServer server;
    private final int port;

    public TestDirectory() {
        try {
            port = freePort();
            Schema schema = Schema.mergeSchemas(Schema.getDefaultStandardSchema(), Schema.getSchema(resource("ad-schema.ldif")));
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.setSchema(schema);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, null));
            server = new InMemoryDirectoryServer(config);
            server.importFromLDIF(true, resource("people.ldif"));
            server.startListening();
        } catch (LDAPException | IOException | com.unboundid.ldif.LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) throws IOException {
        Path copy = Files.createTempFile("gatehouse-", "-" + name);
        copy.toFile().deleteOnExit();
        try (InputStream in = TestDirectory.class.getClassLoader().getResourceAsStream("ldap/" + name)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy.toString();
    }

    /** A loopback port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "ldap://127.0.0.1:" + port;
    }

    public InMemoryDirectoryServer server() {
        return server;
    }

    /**
     * Adds a person with a random uid (also their {@code sAMAccountName}), mail
     * {@code uid@example.org}, UPN {@code uid@corp.example.org} and password {@code uid-pw}, in the
     * group matrix-users when {@code inGroup}; returns the uid.
     */
    public String addPerson(String prefix, boolean inGroup) {
        return addPersonNamed(org.gatehouse.testing.Accounts.randomLocalpart(prefix), inGroup);
    }

    /** As {@link #addPerson}, with this uid. */
    public String addPersonNamed(String uid, boolean inGroup) {
        Entry entry = new Entry(dn(uid));
        entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "gatehouseAdUser");
        entry.addAttribute("uid", uid);
        entry.addAttribute("cn", "Person " + uid);
        entry.addAttribute("sn", uid);
        entry.addAttribute("mail", uid + "@example.org");
        entry.addAttribute("sAMAccountName", uid);
        entry.addAttribute("userPrincipalName", uid + "@corp.example.org");
        entry.addAttribute("userPassword", uid + "-pw");
        if (inGroup) {
            entry.addAttribute("memberOf", "cn=matrix-users,ou=groups," + BASE);
        }
        try {
            server.add(entry);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
        return uid;
    }

    /** The DN of the person with this uid. */
    public static String dn(String uid) {
        return "uid=" + uid + ",ou=people," + BASE;
    }

    /** Stops answering (connections are closed); {@link #start} listens on the same port again. */
    public void stop() {
        server.shutDown(true);
    }

    public void start() {
        try {
            server.startListening();
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    /** Search-then-bind settings with the service account, uid/cn/mail, the AD conveniences, and {@code overrides}. */
    public Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("uris", uri());
        settings.put("bind-dn", SERVICE_DN);
        settings.put("bind-password", "service-pw");
        settings.put("base", BASE);
        settings.put("filter", "(objectClass=person)");
        settings.put("netbios-domain", "CORP");
        settings.put("upn-attribute", "userPrincipalName");
        settings.put("response-timeout-ms", "2000");
        settings.put("connect-timeout-ms", "1000");
        settings.putAll(overrides);
        return settings;
    }

    /** An {@link LdapConfig} of {@code settings} (keys after {@code gatehouse.ldap.}, AD keys without their prefix). */
    public static LdapConfig config(Map<String, String> settings) {
        return new LdapConfig(Optional.ofNullable(settings.get("uris")),
                Boolean.parseBoolean(settings.getOrDefault("start-tls", "false")),
                Optional.ofNullable(settings.get("ca-file")),
                Integer.parseInt(settings.getOrDefault("connect-timeout-ms", "3000")),
                Integer.parseInt(settings.getOrDefault("response-timeout-ms", "5000")),
                Optional.ofNullable(settings.get("bind-dn")),
                Optional.ofNullable(settings.get("bind-password")),
                Optional.ofNullable(settings.get("user-dn-template")),
                Optional.ofNullable(settings.get("base")),
                settings.getOrDefault("filter", "(objectClass=*)"),
                Optional.ofNullable(settings.get("required-filter")),
                settings.getOrDefault("localpart", "uid"),
                settings.getOrDefault("display-name", "cn"),
                settings.getOrDefault("mail", "mail"),
                Optional.ofNullable(settings.get("netbios-domain")),
                Optional.ofNullable(settings.get("upn-attribute")),
                Integer.parseInt(settings.getOrDefault("pool-size", "2")),
                Integer.parseInt(settings.getOrDefault("max-concurrent", "2")),
                Integer.parseInt(settings.getOrDefault("queue-size", "4")),
                Integer.parseInt(settings.getOrDefault("retry-after-seconds", "5")),
                Boolean.parseBoolean(settings.getOrDefault("revoke-on-disable", "false")),
                Integer.parseInt(settings.getOrDefault("check-interval-seconds", "300")),
                "ldap,local");
    }
}
