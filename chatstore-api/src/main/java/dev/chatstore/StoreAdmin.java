package dev.chatstore;

import java.nio.file.Path;
import java.util.List;

/**
 * What an operator does with a store: schema migrations and their history, health, maintenance,
 * backups, statistics, purging expired data and rotating the encryption key. A command-line tool or
 * a health endpoint can be written against this interface alone. Thread-safe.
 *
 * <p>Maintenance and backups are the database's own: what PostgreSQL's server does by other means
 * (physical backups, page checks, checkpoints) throws {@link UnsupportedOperationException} there,
 * saying what to use instead.
 */
public interface StoreAdmin {

    /**
     * Applies pending schema migrations (what opening does unless told not to); safe to run from
     * many stores over one database at once: each migration is applied exactly once.
     *
     * @return the migrations this call applied, oldest first (empty when the schema was current)
     * @throws MigrationException if the schema history does not match this library's migrations
     *                            (an applied file was edited, or a newer library migrated the
     *                            database) or a migration fails; a failed migration leaves nothing behind
     */
    List<SchemaMigration> migrate();

    /**
     * The schema version of the database: the highest applied migration, 0 before the first.
     *
     * @throws MigrationException if the schema history does not match this library's migrations
     */
    int schemaVersion();

    /** The newest schema version this library knows; {@link #migrate()} brings the database to it. */
    int latestSchemaVersion();

    /**
     * The migrations applied to the database, oldest first.
     *
     * @throws MigrationException if the schema history does not match this library's migrations
     */
    List<SchemaMigration> schemaHistory();

    /** What the store runs on and what it was found to support when it opened. */
    StoreInfo info();

    /** Store-wide counts for health pages. */
    StoreStatistics statistics();

    /**
     * Deletes expired search cache entries of every user.
     *
     * @return how many were deleted
     */
    long purgeExpiredSearchCache();

    /**
     * Re-encrypts every stored secret not yet encrypted with the current key of the store's
     * {@link EncryptionKeys}, in one transaction: if any cannot be decrypted, none is changed.
     *
     * @return how many secrets were re-encrypted
     * @throws EncryptionKeyException if the store has no keys, or a secret's key is not among them
     */
    long rotateEncryptionKey();

    /**
     * The store's health now: one round trip to the database (timed), the schema version, the connections and,
     * on SQLite, the write-ahead log's size. An unreachable database or a closed store is reported, not thrown.
     */
    StoreHealth health();

    /**
     * Checks the database's integrity. SQLite: {@code PRAGMA quick_check} ({@code full} false: the pages and their
     * structure, in time linear in the size) or {@code PRAGMA integrity_check} and FTS5's own check of every
     * full-text index against its content ({@code full} true); runs on a reader, so writes go on.
     *
     * @throws UnsupportedOperationException on PostgreSQL (its data checksums and the server's {@code amcheck} /
     *                                       {@code pg_amcheck} are the operator's tools)
     */
    MaintenanceReport checkIntegrity(boolean full);

    /**
     * Brings the query planner's statistics up to date. SQLite: {@code PRAGMA optimize} (which runs
     * {@code ANALYZE} on the tables that need it). PostgreSQL: {@code ANALYZE} of the store's tables.
     */
    MaintenanceReport optimize();

    /**
     * Returns free space to the file system and defragments. SQLite: {@code VACUUM}, then a rebuild of the
     * full-text indexes (VACUUM may renumber the rows they point to); writers wait while it runs (about as long as
     * copying the file), readers do not. PostgreSQL: {@code VACUUM (ANALYZE)} of the store's tables, which takes
     * no lock that stops reads or writes.
     */
    MaintenanceReport vacuum();

    /**
     * SQLite: copies the write-ahead log into the database and starts it over ({@code wal_checkpoint(TRUNCATE)}),
     * waiting a short while for readers; not ok when readers kept it from finishing.
     *
     * @throws UnsupportedOperationException on PostgreSQL, whose server checkpoints on its own
     */
    MaintenanceReport checkpoint();

    /**
     * Writes a consistent copy of the database to {@code target} while the store goes on working: every commit
     * acknowledged before the call started is in it (also those still only in the write-ahead log). It is
     * written to a temporary file beside {@code target}, synced, checked ({@code integrity_check}, the schema
     * history) and only then renamed to {@code target}, replacing a previous backup there: a crash leaves the
     * previous backup as it was. Writers are never stopped: the copy reads one snapshot on a connection of its
     * own, a step of pages at a time.
     *
     * @param progress told after each step (use {@link BackupProgress#NONE} for nothing)
     * @throws InvalidInputException         if {@code target} is null, is the store's own file, or its directory
     *                                       does not exist
     * @throws StoreUnavailableException     if the copy cannot be written
     * @throws CorruptDatabaseException      if the copy fails its check (it is then deleted)
     * @throws UnsupportedOperationException on PostgreSQL: physical backups are the server's business
     *                                       ({@code pg_basebackup}, {@code pg_dump}); {@code UserChats.exportTo}
     *                                       moves data between stores
     */
    BackupReport backupTo(Path target, BackupProgress progress);

    /**
     * Like {@link #backupTo} but compacted: {@code VACUUM INTO} writes the copy without free pages (smaller,
     * slower to write), and its full-text indexes are rebuilt for the copy's rows.
     *
     * @throws UnsupportedOperationException on PostgreSQL, as {@link #backupTo}
     */
    BackupReport compactTo(Path target);
}
