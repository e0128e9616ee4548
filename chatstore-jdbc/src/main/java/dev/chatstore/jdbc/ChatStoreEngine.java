package dev.chatstore.jdbc;

import dev.chatstore.Limits;
import dev.chatstore.Personas;
import dev.chatstore.Settings;
import dev.chatstore.StoreStatistics;
import dev.chatstore.UserChats;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.internal.JdbcSettings;
import dev.chatstore.jdbc.internal.JdbcUserChats;
import dev.chatstore.jdbc.internal.StoreContext;
import dev.chatstore.jdbc.internal.StoreMaintenance;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * The storage-neutral implementation behind every backend's {@link dev.chatstore.ChatStore}: the
 * backend supplies connections ({@link Database}) and answers ({@link Dialect}); the engine does
 * the rest. Thread-safe.
 */
public final class ChatStoreEngine implements AutoCloseable {
    private final StoreContext ctx;
    private final Personas personas;
    private final Settings settings;
    private final StoreMaintenance maintenance;

    public ChatStoreEngine(Database db, Dialect dialect, EngineSettings settings) {
        this.ctx = new StoreContext(db, dialect, settings);
        this.personas = ctx.personas();
        this.settings = new JdbcSettings(ctx, JdbcSettings.STORE_SCOPE);
        this.maintenance = new StoreMaintenance(ctx);
    }

    /** Prepares a Jdbi for the engine's statements; backends call it on every Jdbi they create. */
    public static Jdbi configure(Jdbi jdbi, Dialect dialect) {
        // SQL is complete after ${placeholder} substitution at load: no templating per statement.
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        // Dialect expressions (e.g. the next activity number) use :userId only on some databases.
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        dialect.configure(jdbi);
        return jdbi;
    }

    public UserChats forUser(String userId) {
        Check.text("userId", userId, Limits.USER_ID_MAX);
        ctx.ensureOpen();
        return new JdbcUserChats(ctx, userId);
    }

    public Personas personas() {
        return personas;
    }

    public Settings settings() {
        return settings;
    }

    public StoreStatistics statistics() {
        return maintenance.statistics();
    }

    public long purgeExpiredSearchCache() {
        return maintenance.purgeExpiredSearchCache();
    }

    public long rotateEncryptionKey() {
        return maintenance.rotateEncryptionKey();
    }

    @Override
    public void close() {
        ctx.close();
    }
}
