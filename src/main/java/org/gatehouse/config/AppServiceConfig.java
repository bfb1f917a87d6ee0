package org.gatehouse.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Section {@code gatehouse.app-services.*}: {@code config-files} (none), the application-service
 * registration files (Synapse's {@code app_service_config_files}), comma-separated; an entry that
 * is a directory stands for every {@code *.yaml} and {@code *.yml} file in it, in name order. An
 * entry that is neither a readable file nor a directory fails the deployment.
 */
@ApplicationScoped
public class AppServiceConfig implements ValidatedConfig {

    static final String CONFIG_FILES = "gatehouse.app-services.config-files";

    @Inject
    @ConfigProperty(name = CONFIG_FILES)
    Optional<String> configFiles;

    private final List<Path> files = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    @PostConstruct
    void resolve() {
        Arrays.stream(configFiles.orElse("").split(",")).map(String::trim).filter(entry -> !entry.isEmpty())
                .forEach(this::add);
    }

    private void add(String entry) {
        Path path;
        try {
            path = Path.of(entry).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(CONFIG_FILES + " names '" + entry + "', which is not a valid path");
            return;
        }
        if (Files.isDirectory(path)) {
            try (Stream<Path> listed = Files.list(path)) {
                listed.filter(Files::isRegularFile).filter(AppServiceConfig::isYaml).sorted().forEach(files::add);
            } catch (IOException e) {
                problems.add(CONFIG_FILES + " names the directory " + path + ", which cannot be read: "
                        + e.getMessage());
            }
        } else if (Files.isRegularFile(path) && Files.isReadable(path)) {
            files.add(path);
        } else {
            problems.add(CONFIG_FILES + " names " + path + ", which is neither a readable file nor a directory");
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The registration files, each once, in the order configured. */
    public List<Path> files() {
        return files.stream().distinct().toList();
    }

    @Override
    public void validate(ConfigProblems problems) {
        this.problems.forEach(message -> problems.require(false, message));
    }
}
