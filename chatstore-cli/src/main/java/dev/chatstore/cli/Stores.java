package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;

/** Opens the store a URL names. */
final class Stores {
    /** Whether opening brings the schema up to date. */
    enum Migrate { NO, YES }

    /** Whether a SQLite file may be created. */
    enum Create { NO, YES }

    private Stores() {
    }

    /**
     * Opens the store at {@code url}. Without {@link Migrate#YES} nothing is migrated: an operation on a store whose
     * schema is not current then fails (exit {@link Exit#SCHEMA}). Operations are never logged as slow: an
     * operator's command is long on purpose, and shows its own progress.
     *
     * @throws CliException ({@link Exit#UNAVAILABLE}) if the SQLite file does not exist and may not be created
     */
    static ChatStore open(StoreUrl url, ConnectionOptions connection, Migrate migrate, Create create) {
        boolean migrateOnOpen = migrate == Migrate.YES;
        if (url.backend() == StoreUrl.Backend.SQLITE) {
            if (url.inMemory()) {
                return SqliteChatStore.inMemoryBuilder().migrateOnOpen(migrateOnOpen).slowOperationThreshold(Duration.ZERO)
                        .build();
            }
            Path file = url.file();
            if (!Files.exists(file)) {
                if (create == Create.NO) {
                    throw new CliException(Exit.UNAVAILABLE, "No database file " + file
                            + " (chatstore migrate creates one)");
                }
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw new CliException(Exit.UNAVAILABLE, "No directory " + parent + " for the database file " + file);
                }
            } else if (!Files.isRegularFile(file)) {
                throw new CliException(Exit.UNAVAILABLE, "Not a file: " + file);
            }
            return SqliteChatStore.builder(file).migrateOnOpen(migrateOnOpen).slowOperationThreshold(Duration.ZERO).build();
        }
        return PostgresChatStore.builder(dataSource(url, connection))
                .schema(connection.schema)
                .migrateOnOpen(migrateOnOpen)
                .slowOperationThreshold(Duration.ZERO)
                .build();
    }

    /**
     * @throws CliException ({@link Exit#SCHEMA}) if the store's schema is not the one this chatstore writes
     * @throws dev.chatstore.MigrationException if its history does not match this chatstore's migrations
     */
    static void requireCurrentSchema(ChatStore store, StoreUrl url) {
        int version = store.admin().schemaVersion();
        int latest = store.admin().latestSchemaVersion();
        if (version != latest) {
            throw new CliException(Exit.SCHEMA, "The schema of " + url.display() + " is at version " + version + " of "
                    + latest + ": run chatstore migrate first");
        }
    }

    /** A connection per use: the command runs one operation, mostly on one connection at a time. */
    static PGSimpleDataSource dataSource(StoreUrl url, ConnectionOptions connection) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(url.url());
        } catch (IllegalArgumentException e) {
            throw new CliException(Exit.USAGE, "Bad PostgreSQL URL " + url.display() + ": " + e.getMessage());
        }
        if (connection.user != null && !connection.user.isEmpty()) {
            dataSource.setUser(connection.user);
        }
        if (connection.password != null && !connection.password.isEmpty()) {
            dataSource.setPassword(connection.password);
        }
        dataSource.setApplicationName("chatstore-cli");
        return dataSource;
    }
}
