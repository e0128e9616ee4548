package dev.chatstore.jdbc;

import dev.chatstore.ChatStore;
import dev.chatstore.Personas;
import dev.chatstore.Settings;
import dev.chatstore.StoreStatistics;
import dev.chatstore.UserChats;
import java.util.List;

/**
 * What every JDBC backend's store has in common: the engine behind the {@link ChatStore} API and
 * the migration runner behind the operator's {@link #migrate()}. Backends extend it with their
 * factories and options. Thread-safe.
 */
public abstract class JdbcChatStore implements ChatStore {
    private final ChatStoreEngine engine;
    private final MigrationRunner migrations;

    protected JdbcChatStore(ChatStoreEngine engine, MigrationRunner migrations) {
        this.engine = engine;
        this.migrations = migrations;
    }

    @Override
    public final UserChats forUser(String userId) {
        return engine.forUser(userId);
    }

    @Override
    public final Personas personas() {
        return engine.personas();
    }

    @Override
    public final Settings settings() {
        return engine.settings();
    }

    @Override
    public final StoreStatistics statistics() {
        return engine.statistics();
    }

    @Override
    public final long purgeExpiredSearchCache() {
        return engine.purgeExpiredSearchCache();
    }

    @Override
    public final long rotateEncryptionKey() {
        return engine.rotateEncryptionKey();
    }

    /**
     * Applies pending schema migrations (what the builders' {@code migrateOnOpen} does on open);
     * safe to run from many stores at once.
     *
     * @return the migrations applied by this call
     * @throws dev.chatstore.MigrationException if the schema history does not match or a migration fails
     */
    public final List<Migration> migrate() {
        return migrations.migrate();
    }

    /** The schema version of the database (0 before the first migration). */
    public final int schemaVersion() {
        return migrations.currentVersion();
    }

    /** The newest schema version this library knows. */
    public final int latestSchemaVersion() {
        return migrations.latestVersion();
    }

    /** Releases the store's resources. Idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    /** Migrates if asked to, closing the store when that fails; returns it for the builders' {@code build()}. */
    protected static <S extends JdbcChatStore> S migrated(S store, boolean migrate) {
        try {
            if (migrate) {
                store.migrate();
            }
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
