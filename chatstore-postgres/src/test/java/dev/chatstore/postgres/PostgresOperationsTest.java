package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.BackupProgress;
import dev.chatstore.MaintenanceReport;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreHealth;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The operator API on PostgreSQL: health with HikariCP's pool figures, statistics and VACUUM of the
 * store's own tables, and a clear refusal, naming the server's tools, of what the server does itself.
 */
class PostgresOperationsTest {

    @Test
    void healthHasHikariCpsFiguresAndMaintenanceRunsOnTheStoresTables() {
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource())
                .schema(TestPostgres.freshSchema()).build()) {
            StoreHealth health = store.admin().health();
            assertThat(health.healthy()).isTrue();
            assertThat(health.pool().max()).as("the test pool's maximum").isEqualTo(16);
            assertThat(health.pool().active()).isBetween(0, 16);
            assertThat(health.pool().idle()).isBetween(0, 16);
            assertThat(health.pool().waiting()).isZero();
            assertThat(health.walBytes()).isEqualTo(-1);
            for (MaintenanceReport report : new MaintenanceReport[] {store.admin().optimize(), store.admin().vacuum()}) {
                assertThat(report.ok()).isTrue();
                assertThat(report.figures().get("tables")).as(report.operation()).isGreaterThan(10);
                assertThat(report.figures().get("bytes_after")).isPositive();
            }
        }
    }

    @Test
    void whatTheServerDoesItselfIsRefusedWithItsTools() {
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource())
                .schema(TestPostgres.freshSchema()).build()) {
            StoreAdmin admin = store.admin();
            assertThatThrownBy(() -> admin.backupTo(Path.of("x.db"), BackupProgress.NONE))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("pg_basebackup");
            assertThatThrownBy(() -> admin.compactTo(Path.of("x.db"))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> admin.checkIntegrity(true)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("amcheck");
            assertThatThrownBy(admin::checkpoint).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
