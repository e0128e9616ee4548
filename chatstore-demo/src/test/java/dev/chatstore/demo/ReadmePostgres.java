package dev.chatstore.demo;

import com.zaxxer.hikari.HikariConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * The PostgreSQL server behind the README's PostgreSQL snippet, the same way the PostgreSQL tests
 * find theirs: the server {@code CHATSTORE_PG_URL} names (a JDBC URL with user and password as
 * parameters), or else an embedded server from the binaries on the test class path. Called by the
 * generated snippet class, in the snippet's own JVM.
 */
public final class ReadmePostgres {
    private ReadmePostgres() {
    }

    /** A pool configuration for that server; an embedded server is stopped when the JVM exits (its shutdown hook). */
    public static HikariConfig hikariConfig() throws IOException {
        HikariConfig config = new HikariConfig();
        String url = System.getenv("CHATSTORE_PG_URL");
        if (url != null && !url.isBlank()) {
            config.setJdbcUrl(url);
        } else {
            config.setDataSource(EmbeddedPostgres.builder().start().getPostgresDatabase());
        }
        config.setPoolName("readme-snippet");
        return config;
    }
}
