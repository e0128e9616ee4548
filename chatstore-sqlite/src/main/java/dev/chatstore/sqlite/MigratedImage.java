package dev.chatstore.sqlite;

import dev.chatstore.StoreUnavailableException;
import dev.chatstore.jdbc.MigrationRunner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.sqlite.SQLiteConnection;

/**
 * The database image of a freshly migrated in-memory store, made once per JVM by running the migrations on a
 * connection of its own, and copied into each new in-memory database ({@code sqlite3_deserialize}): running the
 * migrations' DDL, with the history reads and the splitting of the files into statements, was most of the cost of
 * opening an in-memory store, which a service's tests do once per test. The image holds the schema and the history
 * rows and nothing else, so a copy is a new, private, empty store; a copy's history says it was installed when the
 * copy was made, by the store's clock, as running the migrations there would have said. Thread-safe.
 */
final class MigratedImage {
    /** Null until the first in-memory store that migrates on open; never a failed attempt (the next open tries again). */
    private static volatile byte[] image;

    private MigratedImage() {
    }

    /**
     * Makes {@code connection}, a new in-memory database, a migrated one.
     *
     * @param fresh opens a new in-memory connection for making the image, the first time
     * @param clock the store's clock, for the history's installation times
     * @throws dev.chatstore.MigrationException if the migrations cannot be applied
     * @throws StoreUnavailableException        if SQLite refuses the copy
     */
    static void copyInto(Connection connection, Supplier<Connection> fresh, Clock clock) {
        byte[] migrated = image(fresh);
        try {
            connection.unwrap(SQLiteConnection.class).deserialize("main", migrated);
            try (PreparedStatement stamp = connection.prepareStatement(
                    "UPDATE main.chatstore_schema_history SET installed_at = ?")) {
                stamp.setString(1, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
                stamp.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot copy the migrated schema into a new in-memory SQLite database: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] image(Supplier<Connection> fresh) {
        byte[] known = image;
        if (known == null) {
            synchronized (MigratedImage.class) {
                known = image;
                if (known == null) {
                    known = migrate(fresh.get());
                    image = known;
                }
            }
        }
        return known;
    }

    /** Migrates the new in-memory database of {@code connection} and returns its image; closes the connection. */
    private static byte[] migrate(Connection connection) {
        SqliteDialect dialect = new SqliteDialect();
        SqliteDatabase db = new SqliteDatabase(connection, List.of(), 0, dialect, null, null);
        try {
            new MigrationRunner(db, dialect, Clock.systemUTC()).migrate();
            return db.onWriter(c -> c.unwrap(SQLiteConnection.class).serialize("main"));
        } finally {
            db.close();
        }
    }
}
