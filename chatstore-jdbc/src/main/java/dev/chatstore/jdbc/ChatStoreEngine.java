package dev.chatstore.jdbc;

import dev.chatstore.ChatStore;
import dev.chatstore.Limits;
import dev.chatstore.Personas;
import dev.chatstore.Settings;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreOptions;
import dev.chatstore.UserChats;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.internal.JdbcPersonas;
import dev.chatstore.jdbc.internal.JdbcSettings;
import dev.chatstore.jdbc.internal.JdbcStoreAdmin;
import dev.chatstore.jdbc.internal.JdbcUserChats;
import dev.chatstore.jdbc.internal.StoreContext;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * The storage-neutral implementation behind every backend's {@link ChatStore}: the backend supplies
 * connections ({@link Database}) and answers ({@link Dialect}); the engine does the rest. Backends
 * hold one and delegate to it. Thread-safe.
 */
public final class ChatStoreEngine implements ChatStore {
    private final StoreContext ctx;
    private final JdbcPersonas personas;
    private final Settings settings;
    private final JdbcStoreAdmin admin;

    private ChatStoreEngine(Database db, Dialect dialect, StoreOptions options, List<MessageHook> hooks,
                            String location) {
        this.ctx = new StoreContext(db, dialect, options, hooks);
        this.personas = new JdbcPersonas(ctx);
        this.settings = new JdbcSettings(ctx, JdbcSettings.STORE_SCOPE);
        this.admin = new JdbcStoreAdmin(ctx, new MigrationRunner(db, dialect, options.clock()), location);
    }

    /**
     * Opens the engine over {@code db}, migrating the schema and detecting the database's optional
     * features when the options say so (otherwise on first use). On failure the database is closed
     * before the exception propagates.
     *
     * @param hooks    run in order inside every transaction that changes messages
     * @param location where the data lives, for {@link dev.chatstore.StoreInfo} (no credentials)
     * @throws dev.chatstore.MigrationException if the schema cannot be brought up to date
     */
    public static ChatStoreEngine open(Database db, Dialect dialect, StoreOptions options, List<MessageHook> hooks,
                                       String location) {
        ChatStoreEngine engine;
        try {
            engine = new ChatStoreEngine(db, dialect, options, List.copyOf(hooks), location);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        try {
            if (options.migrateOnOpen()) {
                engine.admin.migrate();
                // What the database offers is read once, now that the database is reached anyway.
                engine.admin.info();
            }
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Prepares a Jdbi for the engine's statements; backends call it on every Jdbi they create. */
    public static Jdbi configure(Jdbi jdbi, Dialect dialect) {
        // SQL is complete when the catalogs load: no templating per statement.
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        dialect.configure(jdbi);
        return jdbi;
    }

    @Override
    public UserChats forUser(String userId) {
        Check.text("userId", userId, Limits.USER_ID_MAX);
        ctx.ensureOpen();
        return new JdbcUserChats(ctx, personas, userId);
    }

    @Override
    public Personas personas() {
        return personas;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public StoreAdmin admin() {
        return admin;
    }

    @Override
    public void close() {
        ctx.close();
    }
}
