package io.swapdesk.webapp.internal;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when PostgreSQL answers within two seconds and the migrations have been applied. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    /** The last migration applied, whatever its version's shape (1, 4.1, 2026.11.21). */
    private static final String SCHEMA_VERSION = "SELECT version FROM public.flyway_schema_history"
            + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

    @Resource(lookup = "jdbc/swapdesk")
    private DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rows = statement.executeQuery(SCHEMA_VERSION)) {
                if (!rows.next()) {
                    return response.down().withData("error", "no migration applied yet").build();
                }
                return response.up().withData("schemaVersion", rows.getString(1)).build();
            }
        } catch (SQLException e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getSQLState()).build();
        }
    }
}
