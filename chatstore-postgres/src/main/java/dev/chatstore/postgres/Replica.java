package dev.chatstore.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * One read replica: its connections and what was last seen of it, how far it has replayed the primary's WAL and
 * how long ago it replayed a transaction. Checked at most once per interval, by whichever read finds the figures
 * stale (the others use them as they are); a replica that cannot be reached is left alone for a while. Thread-safe.
 */
final class Replica {
    private static final String STATE = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint,"
            + " EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())";

    final String name;
    final Jdbi jdbi;
    private final DataSource dataSource;
    private volatile long replayed = -1;
    private volatile double secondsSinceReplay = Double.POSITIVE_INFINITY;
    private volatile long checkedAt;
    private volatile long downUntil;
    private volatile boolean checking;

    Replica(String name, DataSource dataSource, Jdbi jdbi) {
        this.name = name;
        this.dataSource = dataSource;
        this.jdbi = jdbi;
    }

    /** Whether the figures are older than {@code intervalNanos} and no other thread is checking them now. */
    boolean due(long now, long intervalNanos) {
        return now >= downUntil && now - checkedAt >= intervalNanos && !checking;
    }

    /**
     * Reads the replica's state on a connection of its own.
     *
     * @return false if the replica could not be reached, or is not replaying (it was promoted)
     */
    synchronized boolean check(long now, long downForNanos) {
        checking = true;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(STATE)) {
            rs.next();
            long position = rs.getLong(1);
            if (rs.wasNull()) {
                markDown(now, downForNanos);
                return false;
            }
            double seconds = rs.getDouble(2);
            replayed = position;
            secondsSinceReplay = rs.wasNull() ? Double.POSITIVE_INFINITY : seconds;
            checkedAt = now;
            return true;
        } catch (SQLException e) {
            markDown(now, downForNanos);
            return false;
        } finally {
            checking = false;
        }
    }

    void markDown(long now, long downForNanos) {
        downUntil = now + downForNanos;
        replayed = -1;
        checkedAt = now;
    }

    boolean up(long now) {
        return now >= downUntil && replayed >= 0;
    }

    /** The WAL position replayed when last checked, in bytes; -1 when unknown or down. */
    long replayed() {
        return replayed;
    }

    /** Seconds between the last check and the last transaction it replayed then. */
    double secondsSinceReplay() {
        return secondsSinceReplay;
    }
}
