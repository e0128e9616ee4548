package dev.chatstore.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.chatstore.PoolStats;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * HikariCP's pool figures, when the application's DataSource is HikariCP. HikariCP is an optional
 * dependency: this class is loaded only after {@link #available()} found it.
 */
final class HikariFigures {
    private static final boolean AVAILABLE = present();

    private HikariFigures() {
    }

    private static boolean present() {
        try {
            Class.forName("com.zaxxer.hikari.HikariDataSource", false, HikariFigures.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static boolean available() {
        return AVAILABLE;
    }

    static PoolStats of(DataSource dataSource) {
        try {
            if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                return PoolStats.unknown();
            }
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
            if (pool == null) {
                // Not started yet (lazy pools start with their first connection).
                return new PoolStats(0, 0, 0, hikari.getMaximumPoolSize(), false);
            }
            return new PoolStats(pool.getActiveConnections(), pool.getIdleConnections(),
                    pool.getThreadsAwaitingConnection(), hikari.getMaximumPoolSize(), false);
        } catch (SQLException e) {
            return PoolStats.unknown();
        }
    }
}
