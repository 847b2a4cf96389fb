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

    private static final String SCHEMA_VERSION =
            "SELECT max(version::int) FROM public.flyway_schema_history WHERE success";

    @Resource(lookup = "jdbc/swapdesk")
    private DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rows = statement.executeQuery(SCHEMA_VERSION)) {
                rows.next();
                int version = rows.getInt(1);
                return response.status(!rows.wasNull())
                        .withData("schemaVersion", version)
                        .withData("database", connection.getCatalog())
                        .build();
            }
        } catch (SQLException e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getSQLState()).build();
        }
    }
}
