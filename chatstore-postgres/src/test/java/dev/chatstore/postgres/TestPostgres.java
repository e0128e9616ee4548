package dev.chatstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
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
    private static final Map<String, DataSource> POOLS = new HashMap<>();

    private TestPostgres() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariConfig config = serverConfig();
            config.setMaximumPoolSize(16);
            config.setPoolName("chatstore-test");
            dataSource = new HikariDataSource(config);
        }
        return dataSource;
    }

    /**
     * A further pool on the same server configured as services configure theirs, e.g. HikariCP's
     * {@code autoCommit=false} or a default isolation of {@code TRANSACTION_SERIALIZABLE}; one per
     * configuration, kept for the test JVM.
     */
    public static synchronized DataSource pool(boolean autoCommit, String isolation) {
        return pool(autoCommit, isolation, null);
    }

    /** A further pool whose connections first run {@code initSql}, e.g. {@code SET statement_timeout = '300ms'}. */
    public static synchronized DataSource pool(boolean autoCommit, String isolation, String initSql) {
        return POOLS.computeIfAbsent(autoCommit + "/" + isolation + "/" + initSql, key -> {
            HikariConfig config = serverConfig();
            config.setMaximumPoolSize(10);
            // Idle connections go, so that many such pools in one test JVM stay under the server's limit.
            config.setMinimumIdle(0);
            config.setIdleTimeout(10_000);
            config.setAutoCommit(autoCommit);
            config.setTransactionIsolation(isolation);
            if (initSql != null) {
                config.setConnectionInitSql(initSql);
            }
            config.setPoolName("chatstore-test-" + POOLS.size());
            return new HikariDataSource(config);
        });
    }

    /** A pool configuration for the server the tests use. */
    private static HikariConfig serverConfig() {
        HikariConfig config = new HikariConfig();
        String url = System.getenv("CHATSTORE_PG_URL");
        if (url != null && !url.isBlank()) {
            config.setJdbcUrl(url);
        } else {
            config.setDataSource(embedded().getPostgresDatabase());
        }
        return config;
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
