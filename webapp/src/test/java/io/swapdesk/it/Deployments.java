package io.swapdesk.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * In-container test archives: the application WAR exactly as built, plus the test classes. It is deployed beside
 * the application under {@code /swapdesk-it}, so the tests run inside the server with the modules' real beans,
 * persistence unit and datasources.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive applicationWith(Class<?>... testClasses) {
        File war = new File(System.getProperty("swapdesk.war", "target/swapdesk.war"));
        return ShrinkWrap.create(ZipImporter.class, "swapdesk-it.war")
                .importFrom(war)
                .as(WebArchive.class)
                .addClasses(testClasses);
    }
}
