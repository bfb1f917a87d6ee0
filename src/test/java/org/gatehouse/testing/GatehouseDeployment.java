package org.gatehouse.testing;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive every integration test deploys: the WAR the build produced, so the tests exercise
 * exactly what operators deploy.
 */
public final class GatehouseDeployment {

    private GatehouseDeployment() {
    }

    /** The built WAR, unchanged. */
    public static WebArchive war() {
        File war = new File(System.getProperty("gatehouse.war", "target/gatehouse.war"));
        return ShrinkWrap.create(ZipImporter.class, "gatehouse.war").importFrom(war).as(WebArchive.class);
    }

    /**
     * The built WAR plus a {@link TestConfigSource} serving {@code settings} above every other
     * configuration source, for a test class that needs Gatehouse configured its own way
     * (e.g. {@code gatehouse.registration.flows}).
     */
    public static WebArchive war(Map<String, String> settings) {
        String properties = settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n"));
        return war()
                .addClass(TestConfigSource.class)
                .addAsResource(new StringAsset(properties), TestConfigSource.RESOURCE)
                .addAsServiceProvider(ConfigSource.class, TestConfigSource.class);
    }
}
