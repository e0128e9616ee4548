package dev.chatstore.jdbc;

import dev.chatstore.ChatStore;
import dev.chatstore.Limits;
import dev.chatstore.Personas;
import dev.chatstore.Settings;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreOptions;
import dev.chatstore.UserChats;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.internal.Instrumentation;
import dev.chatstore.jdbc.internal.JdbcPersonas;
import dev.chatstore.jdbc.internal.JdbcSettings;
import dev.chatstore.jdbc.internal.JdbcStoreAdmin;
import dev.chatstore.jdbc.internal.JdbcUserChats;
import dev.chatstore.jdbc.internal.StoreContext;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage-neutral implementation behind every backend's {@link ChatStore}: the backend supplies
 * connections ({@link Database}) and answers ({@link Dialect}); the engine does the rest. Backends
 * hold one and delegate to it. The views it hands out are timed for the store's listeners
 * ({@link Instrumentation}). Logs the opening and closing of the store at INFO. Thread-safe.
 */
public final class ChatStoreEngine implements ChatStore {
    private static final Logger LOG = LoggerFactory.getLogger(ChatStoreEngine.class);

    private final StoreContext ctx;
    private final JdbcPersonas personas;
    private final JdbcStoreAdmin admin;
    private final Instrumentation instrumentation;
    private final Personas personasView;
    private final Settings settingsView;
    private final StoreAdmin adminView;
    private final String description;

    private ChatStoreEngine(Database db, Dialect dialect, StoreOptions options, List<MessageHook> hooks,
                            String location) {
        this.ctx = new StoreContext(db, dialect, options, hooks);
        this.personas = new JdbcPersonas(ctx);
        this.admin = new JdbcStoreAdmin(ctx, new MigrationRunner(db, dialect, options.clock()), location);
        this.instrumentation = ctx.instrumentation;
        this.personasView = instrumentation.observe("personas", Personas.class, personas);
        this.settingsView = instrumentation.observe("settings", Settings.class,
                new JdbcSettings(ctx, JdbcSettings.STORE_SCOPE));
        this.adminView = instrumentation.observe("admin", StoreAdmin.class, admin);
        this.description = dialect.name() + " (" + location + ")";
    }

    /**
     * Opens the engine over {@code db}, migrating the schema and detecting the database's optional
     * features when the options say so (otherwise on first use). On failure the database is closed
     * before the exception propagates.
     *
     * @param hooks    run in order inside every transaction that changes messages
     * @param location where the data lives, for {@link dev.chatstore.StoreInfo} (no credentials)
     * @param settings the backend's own settings, for the log line that says the store opened, e.g.
     *                 {@code "readers=4, synchronous=NORMAL"}: never a secret
     * @throws dev.chatstore.MigrationException if the schema cannot be brought up to date
     */
    public static ChatStoreEngine open(Database db, Dialect dialect, StoreOptions options, List<MessageHook> hooks,
                                       String location, String settings) {
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
                // A migration run that succeeded leaves the schema at the newest version: no need to read it again.
                LOG.info("Opened chatstore on {}, schema version {}; {}", engine.description,
                        engine.admin.latestSchemaVersion(), describe(settings, options));
            } else {
                LOG.info("Opened chatstore on {}, schema not checked (migrateOnOpen=false); {}", engine.description,
                        describe(settings, options));
            }
            engine.instrumentation.opened(engine.admin);
            return engine;
        } catch (RuntimeException e) {
            engine.ctx.close();
            throw e;
        }
    }

    /** The settings worth a line in the log; never a key. */
    private static String describe(String backendSettings, StoreOptions options) {
        return (backendSettings.isEmpty() ? "" : backendSettings + ", ")
                + "vectorCacheBytes=" + options.vectorCacheBytes()
                + ", vectorIndexBytes=" + options.vectorIndexBytes()
                + ", vectorIndexMinVectors=" + options.vectorIndexMinVectors()
                + ", personaCacheTtl=" + options.personaCacheTtl()
                + ", maxInlineAttachmentBytes=" + options.maxInlineAttachmentBytes()
                + ", encryptionKeys=" + (options.encryptionKeys() == null ? "none" : "set")
                + ", slowOperationThreshold=" + options.slowOperationThreshold()
                + ", listeners=" + options.listeners().size();
    }

    /** Prepares a Jdbi for the engine's statements; backends call it on every Jdbi they create. */
    public static Jdbi configure(Jdbi jdbi, Dialect dialect) {
        // SQL is complete when the catalogs load: no templating per statement.
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        // One parser (and its cache of parsed statements) for every store of the JVM: each Jdbi would otherwise
        // lex the same catalogs and migrations again, which made most of the cost of opening a store.
        jdbi.setSqlParser(SQL_PARSER);
        dialect.configure(jdbi);
        return jdbi;
    }

    /** Thread-safe; its cache is keyed by the SQL text, which is the same for every store of a dialect and schema. */
    private static final SqlParser SQL_PARSER = new ColonPrefixSqlParser();

    @Override
    public UserChats forUser(String userId) {
        Check.text("userId", userId, Limits.USER_ID_MAX);
        ctx.ensureOpen();
        return instrumentation.observe("user", UserChats.class, new JdbcUserChats(ctx, personas, userId));
    }

    @Override
    public UserChats forUser(String userId, String consistencyToken) {
        Check.text("userId", userId, Limits.USER_ID_MAX);
        Check.notNull("consistencyToken", consistencyToken);
        ctx.ensureOpen();
        ctx.readAfter(userId, consistencyToken);
        return forUser(userId);
    }

    @Override
    public Personas personas() {
        return personasView;
    }

    @Override
    public Settings settings() {
        return settingsView;
    }

    @Override
    public StoreAdmin admin() {
        return adminView;
    }

    @Override
    public void close() {
        if (ctx.close()) {
            LOG.info("Closed chatstore on {}", description);
            instrumentation.closed();
        }
    }
}
