package io.swapdesk.webapp.internal;

import jakarta.annotation.Resource;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations (repository folder {@code db/}) before the application serves its first request:
 * the servlet container does not route requests to a context whose listeners have not finished, and a failed
 * migration fails the deployment instead of serving against a wrong schema. The modules' background threads start
 * on CDI's Startup event, which may come first: {@link MigrationsAtStartup} migrates before any of them starts, and
 * whichever of the two runs second finds nothing left to apply.
 */
@WebListener
public class DatabaseMigrations implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    /** Not enlisted in JTA: Flyway commits each migration itself. */
    @Resource(lookup = "jdbc/swapdesk-migrations")
    private DataSource migrationsDataSource;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        migrate(migrationsDataSource);
    }

    /** Applies what is pending; Flyway's lock on its history table keeps two callers from applying anything twice. */
    static void migrate(DataSource dataSource) {
        Flyway flyway = flyway(dataSource);
        MigrateResult result = flyway.migrate();
        String version = String.valueOf(flyway.info().current().getVersion());
        LOG.info(() -> "Database schema at version " + version + " (" + result.migrationsExecuted + " applied now)");
    }

    private static Flyway flyway(DataSource dataSource) {
        // Liberty's class loader hides the WAR's resources from Flyway's default scanner: hand it ours.
        return Flyway.configure(DatabaseMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .defaultSchema("public")
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
    }
}
