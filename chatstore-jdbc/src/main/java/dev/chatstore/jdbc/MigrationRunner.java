package dev.chatstore.jdbc;

import dev.chatstore.MigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import dev.chatstore.SchemaMigration;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a dialect's migrations: the files listed in {@code <migrationsPath>/index.txt}, in
 * version order, each together with its row in {@code chatstore_schema_history}, in one transaction
 * per run (see {@link #migrate()}). The transaction first takes the dialect's migration lock and
 * re-reads the history, so stores opening one database at once apply every file exactly once.
 * A history that does not match the files (an applied file was edited, or a newer library
 * migrated the database) is refused with a {@link MigrationException}. Thread-safe.
 */
public final class MigrationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    /** Migration files by folder, history scripts by resource, and files split into statements by their text. */
    private static final Map<String, List<Migration>> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, String> HISTORY = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> SPLIT = new ConcurrentHashMap<>();

    private final Database db;
    private final Dialect dialect;
    private final Clock clock;
    private final List<Migration> migrations;

    /** @param clock the time recorded as each migration's installation time */
    public MigrationRunner(Database db, Dialect dialect, Clock clock) {
        this(db, dialect, clock, loadMigrations(dialect.migrationsPath()));
    }

    /** With an explicit list of migrations, e.g. to test the runner with files of its own. */
    public MigrationRunner(Database db, Dialect dialect, Clock clock, List<Migration> migrations) {
        this.db = db;
        this.dialect = dialect;
        this.clock = clock;
        this.migrations = migrations.stream().sorted(Comparator.comparingInt(Migration::version)).toList();
    }

    public List<Migration> migrations() {
        return migrations;
    }

    /**
     * Brings the schema up to date, in one transaction under the migration lock: it creates the history table if
     * needed, reads and checks the history, applies the pending files and writes their history rows in one batch. So
     * a current schema costs one read, and a new database pays for locking and committing once, not once per file.
     * If a file fails, that transaction leaves nothing behind and the pending files are applied again one
     * transaction each, as a run always did: the files before the failed one stay applied, and the failure names
     * its file.
     *
     * @return the migrations this call applied (empty when already current or another store did it)
     * @throws MigrationException if the history does not match the files or a migration fails; the
     *                            failed migration leaves nothing behind
     */
    public List<SchemaMigration> migrate() {
        try {
            return logged(inTransaction("apply migrations", h -> applyPending(h, Integer.MAX_VALUE)));
        } catch (FileFailed failedTogether) {
            return oneTransactionEach();
        }
    }

    /** Applies the pending files one transaction each, until none is left or one fails. */
    private List<SchemaMigration> oneTransactionEach() {
        List<SchemaMigration> applied = new ArrayList<>();
        while (true) {
            List<SchemaMigration> one;
            try {
                one = logged(inTransaction("apply migrations", h -> applyPending(h, 1)));
            } catch (FileFailed e) {
                throw new MigrationException("Failed to apply " + e.migration.script() + " on " + dialect.name() + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
            if (one.isEmpty()) {
                return applied;
            }
            applied.addAll(one);
        }
    }

    private List<SchemaMigration> logged(List<SchemaMigration> applied) {
        applied.forEach(m -> LOG.info("Applied {} migration {}", dialect.name(), m.script()));
        return applied;
    }

    /** A migration file failed; thrown out of its transaction so that the transaction rolls back. */
    private static final class FileFailed extends RuntimeException {
        final transient Migration migration;

        FileFailed(Migration migration, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.migration = migration;
        }
    }

    /**
     * Applies, in version order, at most {@code limit} of the files the history (read under the lock) does not have
     * yet, then writes their history rows in one batch.
     */
    private List<SchemaMigration> applyPending(Handle h, int limit) {
        createHistory(h);
        List<SchemaMigration> applied = new ArrayList<>();
        for (Migration migration : pending(validatedHistory(h))) {
            if (applied.size() == limit) {
                break;
            }
            Instant installedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            long start = System.nanoTime();
            try {
                executeScript(h, migration.sql());
            } catch (RuntimeException e) {
                throw new FileFailed(migration, e);
            }
            applied.add(new SchemaMigration(migration.version(), migration.description(), migration.script(),
                    migration.checksum(), installedAt, elapsedMillis(start)));
        }
        if (!applied.isEmpty()) {
            PreparedBatch rows = h.prepareBatch(substitute("INSERT INTO ${schema}.chatstore_schema_history"
                    + " (version, description, script, checksum, installed_at, execution_ms, success)"
                    + " VALUES (:version, :description, :script, :checksum, :installedAt, :ms, TRUE)"));
            for (SchemaMigration m : applied) {
                rows.bind("version", m.version()).bind("description", m.description()).bind("script", m.script())
                        .bind("checksum", m.checksum()).bind("installedAt", m.installedAt().toString())
                        .bind("ms", m.executionMillis()).add();
            }
            rows.execute();
        }
        return List.copyOf(applied);
    }

    /** The known files the history does not hold, in version order. */
    private List<Migration> pending(List<SchemaMigration> history) {
        Set<Integer> applied = new HashSet<>();
        history.forEach(m -> applied.add(m.version()));
        return migrations.stream().filter(m -> !applied.contains(m.version())).toList();
    }

    /** The highest applied version, 0 for an empty database. Validates the history (creating its table if needed). */
    public int currentVersion() {
        return history().stream().mapToInt(SchemaMigration::version).max().orElse(0);
    }

    /** The applied migrations, oldest first. Validates the history (creating its table if needed). */
    public List<SchemaMigration> history() {
        return inTransaction("read the schema history", h -> {
            createHistory(h);
            return validatedHistory(h);
        });
    }

    /** The newest version this library knows. */
    public int latestVersion() {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    private void createHistory(Handle h) {
        executeScript(h, HISTORY.computeIfAbsent(dialect.migrationsPath() + "/history.sql", MigrationRunner::readResource));
    }

    /** Reads the applied migrations and checks them against the files. */
    private List<SchemaMigration> validatedHistory(Handle h) {
        List<Map<String, Object>> rows = h.createQuery(substitute("SELECT version, description, script, checksum,"
                        + " installed_at, execution_ms FROM ${schema}.chatstore_schema_history ORDER BY version"))
                .mapToMap().list();
        int newestKnown = latestVersion();
        List<SchemaMigration> applied = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            int version = ((Number) row.get("version")).intValue();
            int checksum = ((Number) row.get("checksum")).intValue();
            Migration known = migrations.stream().filter(m -> m.version() == version).findFirst().orElse(null);
            if (known == null) {
                throw new MigrationException("The database has schema version " + version + " (" + row.get("script")
                        + "), which this chatstore does not know (it knows versions up to " + newestKnown
                        + "): it was migrated by a newer chatstore. Use that version or newer.");
            }
            if (known.checksum() != checksum) {
                throw new MigrationException("Migration " + known.script() + " was changed after it was applied"
                        + " (checksum in database " + checksum + ", in this library " + known.checksum()
                        + "). Applied migrations must never be edited; add a new migration instead.");
            }
            applied.add(new SchemaMigration(version, String.valueOf(row.get("description")), known.script(), checksum,
                    installedAt(row.get("installed_at")), ((Number) row.get("execution_ms")).longValue()));
        }
        return applied;
    }

    /** Installation times are stored as ISO-8601 text. */
    private static Instant installedAt(Object value) {
        try {
            return Instant.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new MigrationException("The schema history holds an installation time that is not ISO-8601: " + value, e);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private <T> T inTransaction(String what, org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        try {
            return db.write(h -> {
                dialect.lockForMigration(h);
                return work.withHandle(h);
            });
        } catch (MigrationException e) {
            throw e;
        } catch (JdbiException e) {
            throw new MigrationException("Failed to " + what + " on " + dialect.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a file: whole in one round trip where the driver runs every statement of one execute, else statement by
     * statement, split once per JVM (splitting lexes the whole file, which cost more than running it in memory).
     */
    private void executeScript(Handle h, String sql) {
        if (dialect.supportsMultiStatementExecute()) {
            try (Statement statement = h.getConnection().createStatement()) {
                statement.execute(substitute(sql));
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
            return;
        }
        for (String statement : SPLIT.computeIfAbsent(sql, text -> h.createScript(text).getStatements())) {
            h.execute(substitute(statement));
        }
    }

    private String substitute(String sql) {
        try {
            return Placeholders.substitute(sql, Map.of("schema", dialect.schema()), "a " + dialect.name() + " migration");
        } catch (IllegalArgumentException e) {
            throw new MigrationException(e.getMessage(), e);
        }
    }

    /** Reads the migrations listed in {@code <path>/index.txt}; read once per JVM and path (resources do not change). */
    public static List<Migration> loadMigrations(String path) {
        return LOADED.computeIfAbsent(path, MigrationRunner::readMigrations);
    }

    private static List<Migration> readMigrations(String path) {
        List<Migration> result = new ArrayList<>();
        for (String line : readResource(path + "/index.txt").split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                result.add(Migration.parse(name, readResource(path + "/" + name)));
            }
        }
        return List.copyOf(result);
    }

    private static String readResource(String resource) {
        try (InputStream in = MigrationRunner.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigrationException("Missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("Cannot read migration resource " + resource, e);
        }
    }
}
