package org.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A MicroProfile ConfigSource that test deployments carry (see
 * {@link GatehouseDeployment#war(Map)}): it serves the properties in
 * {@code gatehouse-test.properties} with an ordinal above system properties, so one test class
 * can run Gatehouse with its own settings without changing the shared server.
 */
public class TestConfigSource implements ConfigSource {

    static final String RESOURCE = "gatehouse-test.properties";

    private final Map<String, String> properties = load();

    private static Map<String, String> load() {
        Properties loaded = new Properties();
        try (InputStream in = TestConfigSource.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                loaded.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>();
        loaded.stringPropertyNames().forEach(name -> map.put(name, loaded.getProperty(name)));
        return map;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "gatehouse-test";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
