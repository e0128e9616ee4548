package dev.chatstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The PostgreSQL server the tests use: the one {@code CHATSTORE_PG_URL} names (a JDBC URL with
 * user and password as parameters), or else an embedded server started once per test JVM from
 * the binaries on the test classpath. Each store gets a schema of its own, so tests never see
 * each other's data.
 */
public final class TestPostgres {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);
    private static DataSource dataSource;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            String url = System.getenv("CHATSTORE_PG_URL");
            if (url != null && !url.isBlank()) {
                config.setJdbcUrl(url);
            } else {
                config.setDataSource(embedded().getPostgresDatabase());
            }
            config.setMaximumPoolSize(16);
            config.setPoolName("chatstore-test");
            dataSource = new HikariDataSource(config);
        }
        return dataSource;
    }

    /** The embedded server (started on first use); not available when an external server is configured. */
    public static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
        }
        return embedded;
    }

    /** A schema name no other store of this run uses. */
    public static String freshSchema() {
        return "t_" + RUN + "_" + SCHEMAS.incrementAndGet();
    }
}
