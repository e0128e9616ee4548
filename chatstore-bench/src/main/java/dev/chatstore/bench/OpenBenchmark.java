package dev.chatstore.bench;

import dev.chatstore.BackupProgress;
import dev.chatstore.sqlite.SqliteChatStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sqlite.SQLiteConfig;

/**
 * Opening and closing a fresh in-memory store, what a service's tests do once per test: chatstore's
 * {@link SqliteChatStore#inMemory()} against a plain sqlite-jdbc in-memory connection that runs the statements of
 * chatstore's SQLite migration files, one {@code execute} each, and closes. The setup checks that both sides end
 * with the same schema objects.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class OpenBenchmark {
    private static final String MIGRATIONS = "dev/chatstore/sqlite/migrations/";

    private List<String> statements;

    @Setup(Level.Trial)
    public void readMigrations() throws SQLException, IOException {
        statements = migrationStatements();
        // A backup of a fresh in-memory store shows its schema to a plain connection.
        Path copy = Files.createTempFile(Fixtures.dir(), "open-check", ".db");
        try {
            try (SqliteChatStore store = SqliteChatStore.inMemory()) {
                store.admin().backupTo(copy, BackupProgress.NONE);
            }
            String chatstoreSchema;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath())) {
                chatstoreSchema = schema(c);
            }
            try (Connection c = rawConnection()) {
                String rawSchema = schema(c);
                if (!rawSchema.equals(chatstoreSchema)) {
                    throw new IllegalStateException("The raw side's schema differs from chatstore's:\n" + rawSchema
                            + "\nvs\n" + chatstoreSchema);
                }
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Benchmark
    public void chatstore() {
        SqliteChatStore.inMemory().close();
    }

    @Benchmark
    public void raw() throws SQLException {
        rawConnection().close();
    }

    /** chatstore's in-memory connection settings and SQL functions, then every migration statement. */
    private Connection rawConnection() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        Connection c = DriverManager.getConnection("jdbc:sqlite::memory:", config.toProperties());
        try (Statement s = c.createStatement()) {
            SqliteChatStore.registerSqlFunctions(c);
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * The statements of the files {@code index.txt} lists, in order. Comment lines go; a statement ends with a line
     * ending in {@code ;}, except inside a trigger body, which runs from a line {@code BEGIN} to a line {@code END;}
     * (the files' own convention).
     */
    static List<String> migrationStatements() {
        List<String> result = new ArrayList<>();
        for (String file : resource(MIGRATIONS + "index.txt").split("\\R")) {
            if (file.isBlank() || file.startsWith("#")) {
                continue;
            }
            StringBuilder statement = new StringBuilder();
            boolean inBody = false;
            for (String line : resource(MIGRATIONS + file.strip()).split("\\R")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                    continue;
                }
                statement.append(line.replace("${schema}", "main")).append('\n');
                inBody = inBody || trimmed.equals("BEGIN");
                if (inBody ? trimmed.equals("END;") : trimmed.endsWith(";")) {
                    result.add(statement.toString());
                    statement.setLength(0);
                    inBody = false;
                }
            }
            if (!statement.toString().isBlank()) {
                throw new IllegalStateException(file + " ends inside a statement: " + statement);
            }
        }
        return result;
    }

    private static String resource(String name) {
        try (InputStream in = OpenBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema objects of a database as text, chatstore's history table aside (the raw side keeps none). */
    private static String schema(Connection c) throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master"
                + " WHERE name <> 'chatstore_schema_history' ORDER BY type, name")) {
            while (rs.next()) {
                dump.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(": ").append(rs.getString(3))
                        .append('\n');
            }
        }
        return dump.toString();
    }
}
