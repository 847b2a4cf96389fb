package io.swapdesk.it;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the harness (bin/test) put the server, the database and the chains for this run. */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    public static URI baseUri() {
        return URI.create(System.getProperty("swapdesk.baseUrl", "http://127.0.0.1:9080"));
    }

    /** The second server of the run: same WAR, same database (the cross-server tests). */
    public static URI secondBaseUri() {
        return URI.create(System.getProperty("swapdesk.secondBaseUrl", "http://127.0.0.1:9081"));
    }

    public static URI uri(String path) {
        return baseUri().resolve(path);
    }

    public static Connection database() throws SQLException {
        String url = "jdbc:postgresql://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "5432") + "/"
                + env("DB_NAME", "swapdesk");
        return DriverManager.getConnection(url, env("DB_USER", "postgres"), env("DB_PASSWORD", ""));
    }

    /** The single number {@code query} answers (a count, say), its one parameter bound as a string. */
    public static long queryNumber(String query, String parameter) throws SQLException {
        try (Connection db = database(); PreparedStatement select = db.prepareStatement(query)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Chain id to RPC URL, as configured for the server. */
    public static Map<Long, String> chains() {
        Map<Long, String> chains = new LinkedHashMap<>();
        for (String entry : env("CHAINS_ENDPOINTS", "").split(",")) {
            if (!entry.isBlank()) {
                String[] parts = entry.split("=", 2);
                chains.put(Long.parseLong(parts[0].trim()), parts[1].trim());
            }
        }
        return chains;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
