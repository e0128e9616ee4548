package dev.chatstore.jdbc;

import dev.chatstore.BackupProgress;
import dev.chatstore.BackupReport;
import dev.chatstore.MaintenanceReport;
import dev.chatstore.PoolStats;
import java.nio.file.Path;

/**
 * What an operator does that depends on the backend: backups, maintenance, connection figures (see
 * {@link dev.chatstore.StoreAdmin}, which documents each). A backend throws
 * {@link UnsupportedOperationException}, saying what to use instead, for what its database does
 * by other means. Thread-safe.
 */
public interface Operations {
    PoolStats pool();

    /** The size of the write-ahead log in bytes, or -1 where there is none to report. */
    long walBytes();

    MaintenanceReport checkIntegrity(boolean full);

    MaintenanceReport optimize();

    MaintenanceReport vacuum();

    MaintenanceReport checkpoint();

    BackupReport backupTo(Path target, BackupProgress progress);

    BackupReport compactTo(Path target);

    /** How imported rows are written in bulk; the default is one multi-row INSERT per chunk of rows. */
    RowLoader rowLoader();
}
