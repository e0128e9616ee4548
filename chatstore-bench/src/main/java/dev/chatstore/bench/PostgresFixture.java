package dev.chatstore.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.Messages;
import dev.chatstore.NewConversation;
import dev.chatstore.UserChats;
import dev.chatstore.postgres.PostgresChatStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedded PostgreSQL server (Maven Central binaries) with durable commits: the embedded
 * launcher's defaults ({@code -F}, {@code synchronous_commit=off}) are overridden with
 * {@code fsync=on}, {@code synchronous_commit=on} and {@code full_page_writes=on}, and the server
 * is asked afterwards what it actually runs with ({@link #settings()}). A HikariCP pool of
 * {@value #POOL} connections, a chatstore store, and {@value #WRITERS} users with one
 * conversation each, so each writer thread appends to a conversation of its own.
 */
final class PostgresFixture implements AutoCloseable {
    static final int WRITERS = 16;
    static final int POOL = 20;

    private final EmbeddedPostgres server;
    private final HikariDataSource dataSource;
    final PostgresChatStore store;
    final List<Messages> writers = new ArrayList<>();
    final List<String> conversations = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private PostgresFixture(Path dir) throws IOException {
        this.server = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(POOL);
        config.setMinimumIdle(POOL);
        config.setPoolName("chatstore-bench-pg");
        this.dataSource = new HikariDataSource(config);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method")) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the PostgreSQL settings", e);
        }
        if (!"on".equals(settings.get("fsync")) || !"on".equals(settings.get("synchronous_commit"))) {
            throw new IllegalStateException("PostgreSQL does not run with durable commits: " + settings);
        }
        this.store = PostgresChatStore.builder(dataSource).schema("bench").build();
        for (int i = 0; i < WRITERS; i++) {
            UserChats user = store.forUser("pg-user-" + i);
            conversations.add(user.conversations().create(NewConversation.titled("writer " + i)).id());
            writers.add(user.messages());
        }
    }

    static PostgresFixture start(Path dir) {
        try {
            return new PostgresFixture(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
        }
    }

    /** The pool, for stores of other schemas and plain-JDBC baselines. */
    javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** What the server reports for its version and durability settings. */
    Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    @Override
    public void close() {
        store.close();
        dataSource.close();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
