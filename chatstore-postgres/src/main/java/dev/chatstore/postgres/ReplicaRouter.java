package dev.chatstore.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Picks the server for a read: a replica that has replayed at least the position the read must see and is not
 * lagging past the bound, in turn; else the primary. The replicas' positions and the primary's are checked at most
 * once per interval, never per read. Thread-safe.
 */
final class ReplicaRouter {
    private final List<Replica> replicas;
    private final DataSource primary;
    private final long intervalNanos;
    private final long downForNanos;
    private final double maxLagSeconds;
    private final AtomicInteger next = new AtomicInteger();
    private volatile long primaryPosition;
    private volatile long primaryCheckedAt = Long.MIN_VALUE / 2;
    final WritePositions positions;

    ReplicaRouter(List<Replica> replicas, DataSource primary, Duration checkInterval, Duration maxLag, Duration downFor,
                  int rememberedUsers) {
        this.replicas = List.copyOf(replicas);
        this.primary = primary;
        this.intervalNanos = checkInterval.toNanos();
        this.downForNanos = downFor.toNanos();
        this.maxLagSeconds = maxLag.toNanos() / 1e9;
        this.positions = new WritePositions(rememberedUsers);
    }

    /** A replica that has replayed {@code required} and is not lagging past the bound; null: read on the primary. */
    Replica choose(long required) {
        long now = System.nanoTime();
        int size = replicas.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            Replica replica = replicas.get((start + i) % size);
            if (replica.due(now, intervalNanos)) {
                checkPrimary(now);
                replica.check(now, downForNanos);
            }
            if (!replica.up(now)) {
                continue;
            }
            long replayed = replica.replayed();
            boolean lagging = replayed < primaryPosition && replica.secondsSinceReplay() > maxLagSeconds;
            if (replayed >= required && !lagging) {
                return replica;
            }
        }
        return null;
    }

    /** A replica that failed to give a connection is left alone for a while. */
    void failed(Replica replica) {
        replica.markDown(System.nanoTime(), downForNanos);
    }

    private void checkPrimary(long now) {
        if (now - primaryCheckedAt < intervalNanos) {
            return;
        }
        primaryCheckedAt = now;
        try (Connection c = primary.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(WalPosition.CURRENT)) {
            rs.next();
            primaryPosition = rs.getLong(1);
        } catch (SQLException e) {
            // The primary's reads and writes report it; the lag check keeps the last position known.
        }
    }
}
