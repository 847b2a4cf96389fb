package io.swapdesk.webapp.internal;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;
import javax.sql.DataSource;

/**
 * The first observer of CDI's Startup event: applies the migrations before the modules' observers of the same event
 * start their background threads (deposit watchers and processors, delivery, the outbox dispatcher, the pricing
 * lease), which otherwise queried tables that did not exist yet on a new database and logged an FFDC incident for
 * each before retrying.
 */
@ApplicationScoped
class MigrationsAtStartup {

    @Resource(lookup = "jdbc/swapdesk-migrations")
    DataSource migrationsDataSource;

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Startup startup) {
        DatabaseMigrations.migrate(migrationsDataSource);
    }
}
