package org.gatehouse.appservice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.token.TokenHashes;
import org.gatehouse.user.LocalpartRules;
import org.gatehouse.user.UserId;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads one registration file: the YAML object of the spec's "Registration" section (Application
 * Service API), as Synapse's {@code app_service_config_files} hold it. Required: {@code id},
 * {@code url} (may be {@code null}), {@code as_token}, {@code hs_token}, {@code sender_localpart}
 * (a valid localpart on this server) and {@code namespaces}, whose {@code users}, {@code aliases}
 * and {@code rooms} are lists of {@code {regex, exclusive}}; optional: {@code rate_limited}
 * (true), {@code protocols}, {@code receive_ephemeral} (false). A key the spec does not define
 * is reported as a warning and ignored. The tokens leave this class only as SHA-256 hashes.
 */
public final class RegistrationFile {

    private static final Set<String> KEYS = Set.of("id", "url", "as_token", "hs_token", "sender_localpart",
            "namespaces", "rate_limited", "protocols", "receive_ephemeral");
    private static final Set<String> NAMESPACE_KINDS = Set.of("users", "aliases", "rooms");
    private static final Set<String> NAMESPACE_KEYS = Set.of("regex", "exclusive");
    private static final int MAX_CODE_POINTS = 1_000_000;

    /** A registration file that cannot be used; the message names the file and what is wrong. */
    public static final class InvalidRegistration extends Exception {
        InvalidRegistration(String message) {
            super(message);
        }
    }

    /** A registration read from a file, and the warnings about it (ignored keys). */
    public record Parsed(AppService service, List<String> warnings) {
    }

    private final String source;
    private final List<String> warnings = new ArrayList<>();

    private RegistrationFile(String source) {
        this.source = source;
    }

    /**
     * Reads the registration in {@code yaml}.
     *
     * @param source     the file's name, used in every message
     * @param serverName this server's name, the domain of the sender and of the user namespaces
     * @throws InvalidRegistration when the text is not YAML, not an object, or a field is missing,
     *         of the wrong type or invalid (a localpart, a regular expression)
     */
    public static Parsed parse(String yaml, String source, String serverName) throws InvalidRegistration {
        RegistrationFile file = new RegistrationFile(source);
        return new Parsed(file.read(yaml, serverName), List.copyOf(file.warnings));
    }

    private AppService read(String yaml, String serverName) throws InvalidRegistration {
        Map<?, ?> root = mapping(load(yaml), "the file");
        warnUnknown(root, KEYS, "");
        String id = requiredString(root, "id");
        if (!root.containsKey("url")) {
            throw invalid("url is missing (use url: null for a service that receives no traffic)");
        }
        String url = optionalString(root, "url");
        String asToken = requiredString(root, "as_token");
        String hsToken = requiredString(root, "hs_token");
        UserId sender = sender(requiredString(root, "sender_localpart"), serverName);
        if (!root.containsKey("namespaces")) {
            throw invalid("namespaces is missing");
        }
        Map<?, ?> namespaces = mapping(root.get("namespaces"), "namespaces");
        warnUnknown(namespaces, NAMESPACE_KINDS, "namespaces.");
        return new AppService(id, url, sender, namespaces(namespaces, "users"), namespaces(namespaces, "aliases"),
                namespaces(namespaces, "rooms"), optionalBoolean(root, "rate_limited", true),
                strings(root.get("protocols"), "protocols"), optionalBoolean(root, "receive_ephemeral", false),
                source, new AppService.TokenHashPair(TokenHashes.sha256(asToken), TokenHashes.sha256(hsToken)));
    }

    /**
     * The YAML document. A syntax error is described by the parser's problem and position only:
     * its snippet of the offending line could hold a token, and the message is logged.
     */
    private Object load(String yaml) throws InvalidRegistration {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(10).setCodePointLimit(MAX_CODE_POINTS).build();
        try {
            return new Load(settings).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(mark -> " at line " + (mark.getLine() + 1) + ", column "
                    + (mark.getColumn() + 1)).orElse("");
            throw invalid("is not valid YAML: " + e.getProblem() + where);
        } catch (YamlEngineException e) {
            throw invalid("is not valid YAML");
        }
    }

    private UserId sender(String localpart, String serverName) throws InvalidRegistration {
        try {
            LocalpartRules.validateForRegistration(localpart, serverName);
        } catch (MatrixException e) {
            throw invalid("sender_localpart is not a valid localpart: " + e.getMessage());
        }
        return new UserId(localpart, serverName);
    }

    private List<Namespace> namespaces(Map<?, ?> namespaces, String kind) throws InvalidRegistration {
        Object value = namespaces.get(kind);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> entries)) {
            throw invalid("namespaces." + kind + " must be a list");
        }
        List<Namespace> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = "namespaces." + kind + "[" + i + "]";
            Map<?, ?> entry = mapping(entries.get(i), where);
            warnUnknown(entry, NAMESPACE_KEYS, where + ".");
            if (!(entry.get("regex") instanceof String regex)) {
                throw invalid(where + ".regex must be a string");
            }
            if (!(entry.get("exclusive") instanceof Boolean exclusive)) {
                throw invalid(where + ".exclusive must be true or false");
            }
            try {
                result.add(new Namespace(Pattern.compile(regex), exclusive));
            } catch (PatternSyntaxException e) {
                throw invalid(where + ".regex is not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex() + " of " + regex);
            }
        }
        return List.copyOf(result);
    }

    private List<String> strings(Object value, String key) throws InvalidRegistration {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw invalid(key + " must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private Map<?, ?> mapping(Object value, String what) throws InvalidRegistration {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(what + " must be a YAML mapping (key: value pairs)");
        }
        return map;
    }

    private String requiredString(Map<?, ?> map, String key) throws InvalidRegistration {
        Object value = map.get(key);
        if (value == null) {
            throw invalid(key + " is missing");
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid(key + " must be a non-empty string");
        }
        return text;
    }

    private String optionalString(Map<?, ?> map, String key) throws InvalidRegistration {
        Object value = map.get(key);
        if (value != null && !(value instanceof String)) {
            throw invalid(key + " must be a string or null");
        }
        return (String) value;
    }

    private boolean optionalBoolean(Map<?, ?> map, String key, boolean absent) throws InvalidRegistration {
        Object value = map.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Boolean flag)) {
            throw invalid(key + " must be true or false");
        }
        return flag;
    }

    private void warnUnknown(Map<?, ?> map, Set<String> known, String prefix) {
        map.keySet().stream().map(String::valueOf).filter(key -> !known.contains(key)).sorted()
                .forEach(key -> warnings.add(source + ": ignoring " + prefix + key
                        + ", which the application-service registration format does not define"));
    }

    private InvalidRegistration invalid(String problem) {
        return new InvalidRegistration(source + ": " + problem);
    }
}
