package dev.chatstore.springai;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/** One PostgreSQL for the test JVM: the server at CHATSTORE_PG_URL, or an embedded one. */
final class PgServer {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);
    private static DataSource dataSource;
    private static EmbeddedPostgres embedded;

    private PgServer() {
    }

    static synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            String url = System.getenv("CHATSTORE_PG_URL");
            if (url != null && !url.isBlank()) {
                config.setJdbcUrl(url);
            } else {
                try {
                    embedded = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
                }
                config.setDataSource(embedded.getPostgresDatabase());
            }
            config.setMaximumPoolSize(4);
            config.setPoolName("chatstore-spring-ai-test");
            dataSource = new HikariDataSource(config);
        }
        return dataSource;
    }

    /** A schema no other test uses, so each test starts from an empty store. */
    static String freshSchema() {
        return "springai_" + RUN + "_" + SCHEMAS.incrementAndGet();
    }
}
