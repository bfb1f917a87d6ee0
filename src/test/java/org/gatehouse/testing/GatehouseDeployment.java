package org.gatehouse.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive every integration test deploys: the WAR the build produced, unchanged, so the
 * tests exercise exactly what operators deploy.
 */
public final class GatehouseDeployment {

    private GatehouseDeployment() {
    }

    public static WebArchive war() {
        File war = new File(System.getProperty("gatehouse.war", "target/gatehouse.war"));
        return ShrinkWrap.create(ZipImporter.class, "gatehouse.war").importFrom(war).as(WebArchive.class);
    }
}
