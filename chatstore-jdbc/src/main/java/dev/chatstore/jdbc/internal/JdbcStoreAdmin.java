package dev.chatstore.jdbc.internal;

import dev.chatstore.BackupProgress;
import dev.chatstore.BackupReport;
import dev.chatstore.MaintenanceReport;

import dev.chatstore.OrphanPurgeReport;
import dev.chatstore.SchemaMigration;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreInfo;
import dev.chatstore.StoreHealth;
import dev.chatstore.StoreStatistics;
import dev.chatstore.StoredFileDeleter;
import dev.chatstore.jdbc.MigrationRunner;
import dev.chatstore.jdbc.Operations;
import dev.chatstore.StoreChecksums;
import dev.chatstore.StoreExportOptions;
import dev.chatstore.StoreExportSummary;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

import java.time.Duration;
import java.util.List;

/** The operator's view of a JDBC store: migrations, what it runs on, maintenance, retention. Thread-safe. */
public final class JdbcStoreAdmin implements StoreAdmin {
    private final StoreContext ctx;
    private final MigrationRunner migrations;
    private final StoreMaintenance maintenance;
    private final String location;
    private volatile StoreInfo info;

    public JdbcStoreAdmin(StoreContext ctx, MigrationRunner migrations, String location) {
        this.ctx = ctx;
        this.migrations = migrations;
        this.maintenance = new StoreMaintenance(ctx);
        this.location = location;
    }

    @Override
    public List<SchemaMigration> migrate() {
        ctx.ensureOpen();
        return migrations.migrate();
    }

    @Override
    public int schemaVersion() {
        ctx.ensureOpen();
        return migrations.currentVersion();
    }

    @Override
    public int latestSchemaVersion() {
        return migrations.latestVersion();
    }

    @Override
    public List<SchemaMigration> schemaHistory() {
        ctx.ensureOpen();
        return migrations.history();
    }

    /** Read from the database once, on first use; what a database offers does not change while it runs. */
    @Override
    public StoreInfo info() {
        StoreInfo known = info;
        if (known == null) {
            known = ctx.read("read what the database offers", h -> new StoreInfo(ctx.dialect.name(),
                    ctx.dialect.serverVersion(h), location, ctx.dialect.availableExtensions(h)));
            info = known;
        }
        return known;
    }

    @Override
    public StoreStatistics statistics() {
        return maintenance.statistics();
    }

    @Override
    public long purgeExpiredSearchCache() {
        return maintenance.purgeExpiredSearchCache();
    }

    @Override
    public long rotateEncryptionKey() {
        return maintenance.rotateEncryptionKey();
    }

    @Override
    public StoreHealth health() {
        long start = System.nanoTime();
        boolean reachable = false;
        int version = -1;
        String problem = null;
        try {
            ctx.read("check the store's health", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            reachable = true;
            version = migrations.currentVersion();
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
        Operations operations = ctx.db.operations();
        return new StoreHealth(reachable, roundTrip, version, migrations.latestVersion(), operations.pool(),
                operations.walBytes(), problem);
    }

    @Override
    public MaintenanceReport checkIntegrity(boolean full) {
        ctx.ensureOpen();
        return ctx.db.operations().checkIntegrity(full);
    }

    @Override
    public MaintenanceReport optimize() {
        ctx.ensureOpen();
        return ctx.db.operations().optimize();
    }

    @Override
    public MaintenanceReport vacuum() {
        ctx.ensureOpen();
        return ctx.db.operations().vacuum();
    }

    @Override
    public MaintenanceReport checkpoint() {
        ctx.ensureOpen();
        return ctx.db.operations().checkpoint();
    }

    @Override
    public BackupReport backupTo(Path target, BackupProgress progress) {
        ctx.ensureOpen();
        return ctx.db.operations().backupTo(target, progress);
    }

    @Override
    public BackupReport compactTo(Path target) {
        ctx.ensureOpen();
        return ctx.db.operations().compactTo(target);
    }

    // Retention: StoreRetention is stateless, so each call makes its own.

    @Override
    public OrphanPurgeReport purgeOrphanedAttachments(Duration olderThan, StoredFileDeleter deleter) {
        return new StoreRetention(ctx).purgeOrphanedAttachments(olderThan, deleter);
    }

    @Override
    public long archiveInactive(Duration inactiveFor) {
        return new StoreRetention(ctx).archiveInactive(inactiveFor);
    }

    @Override
    public long deleteArchived(Duration archivedFor) {
        return new StoreRetention(ctx).deleteArchived(archivedFor);
    }

    @Override
    public StoreExportSummary exportStore(OutputStream out, StoreExportOptions options) {
        return exporter().export(out, options);
    }

    @Override
    public StoreImportReport importStore(InputStream in, StoreImportOptions options) {
        return new StoreImporter(ctx, ctx.db.operations().rowLoader()).importFrom(in, options);
    }

    @Override
    public StoreChecksums checksums() {
        return exporter().checksums();
    }

    private StoreExporter exporter() {
        ctx.ensureOpen();
        return new StoreExporter(ctx, ctx.dialect.name(), migrations.currentVersion());
    }
}
