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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a dialect's migrations: the files listed in {@code <migrationsPath>/index.txt}, in
 * version order, each in its own transaction together with its row in
 * {@code chatstore_schema_history}. Each transaction first takes the dialect's migration lock and
 * re-reads the history, so stores opening one database at once apply every file exactly once.
 * A history that does not match the files (an applied file was edited, or a newer library
 * migrated the database) is refused with a {@link MigrationException}. Thread-safe.
 */
public final class MigrationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

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
     * Brings the schema up to date.
     *
     * @return the migrations this call applied (empty when already current or another store did it)
     * @throws MigrationException if the history does not match the files or a migration fails; the
     *                            failed migration leaves nothing behind
     */
    public List<SchemaMigration> migrate() {
        createHistory();
        List<SchemaMigration> applied = new ArrayList<>();
        for (Migration migration : migrations) {
            SchemaMigration ran = inTransaction("apply " + migration.script(), h -> {
                if (validatedHistory(h).stream().anyMatch(m -> m.version() == migration.version())) {
                    return null;
                }
                Instant installedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                long start = System.nanoTime();
                executeScript(h, migration.sql());
                h.createUpdate(substitute("INSERT INTO ${schema}.chatstore_schema_history"
                                + " (version, description, script, checksum, installed_at, execution_ms, success)"
                                + " VALUES (:version, :description, :script, :checksum, :installedAt, :ms, TRUE)"))
                        .bind("version", migration.version())
                        .bind("description", migration.description())
                        .bind("script", migration.script())
                        .bind("checksum", migration.checksum())
                        .bind("installedAt", installedAt.toString())
                        .bind("ms", elapsedMillis(start))
                        .execute();
                return new SchemaMigration(migration.version(), migration.description(), migration.script(),
                        migration.checksum(), installedAt, elapsedMillis(start));
            });
            if (ran != null) {
                LOG.info("Applied {} migration {}", dialect.name(), migration.script());
                applied.add(ran);
            }
        }
        inTransaction("check the schema history", h -> validatedHistory(h));
        return applied;
    }

    /** The highest applied version, 0 for an empty database. Validates the history (creating its table if needed). */
    public int currentVersion() {
        return history().stream().mapToInt(SchemaMigration::version).max().orElse(0);
    }

    /** The applied migrations, oldest first. Validates the history (creating its table if needed). */
    public List<SchemaMigration> history() {
        createHistory();
        return inTransaction("read the schema history", this::validatedHistory);
    }

    /** The newest version this library knows. */
    public int latestVersion() {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    private void createHistory() {
        inTransaction("create the schema history", h -> {
            executeScript(h, readResource(dialect.migrationsPath() + "/history.sql"));
            return null;
        });
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

    private void executeScript(Handle h, String sql) {
        for (String statement : h.createScript(substitute(sql)).getStatements()) {
            h.execute(statement);
        }
    }

    private String substitute(String sql) {
        try {
            return Placeholders.substitute(sql, Map.of("schema", dialect.schema()), "a " + dialect.name() + " migration");
        } catch (IllegalArgumentException e) {
            throw new MigrationException(e.getMessage(), e);
        }
    }

    /** Reads the migrations listed in {@code <path>/index.txt}. */
    public static List<Migration> loadMigrations(String path) {
        List<Migration> result = new ArrayList<>();
        for (String line : readResource(path + "/index.txt").split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                result.add(Migration.parse(name, readResource(path + "/" + name)));
            }
        }
        return result;
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
