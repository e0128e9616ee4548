package dev.chatstore.langchain4j;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.ChatStore;
import dev.chatstore.postgres.PostgresChatStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * On the PostgreSQL server {@code CHATSTORE_PG_URL} names (a JDBC URL with user and password as
 * parameters), or else on an embedded server started once per test JVM; each test gets a schema of its own.
 */
class PostgresChatMemoryStoreTest extends ChatstoreChatMemoryStoreContract {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);
    private static DataSource dataSource;

    private static synchronized DataSource dataSource() throws IOException {
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            String url = System.getenv("CHATSTORE_PG_URL");
            if (url != null && !url.isBlank()) {
                config.setJdbcUrl(url);
            } else {
                config.setDataSource(EmbeddedPostgres.builder().start().getPostgresDatabase());
            }
            config.setMaximumPoolSize(4);
            config.setPoolName("chatstore-langchain4j-test");
            dataSource = new HikariDataSource(config);
        }
        return dataSource;
    }

    @Override
    ChatStore openStore() throws IOException {
        return PostgresChatStore.builder(dataSource())
                .schema("lc4j_" + RUN + "_" + SCHEMAS.incrementAndGet())
                .build();
    }
}
