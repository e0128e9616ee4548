package dev.chatstore;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an operator does with a store: schema migrations and their history, health, maintenance,
 * backups, statistics, purging expired data, retention (orphaned files, inactive and archived
 * conversations) and rotating the encryption key. A command-line tool or a health endpoint can be
 * written against this interface alone. Thread-safe.
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
     * @return the highest applied migration's version, 0 for an empty database
     * @throws MigrationException if the schema history does not match this library's migrations
     */
    int schemaVersion();

    /** {@return the newest schema version this library knows; {@link #migrate()} brings the database to it} */
    int latestSchemaVersion();

    /**
     * The migrations applied to the database, oldest first.
     *
     * @return the applied migrations, oldest first
     * @throws MigrationException if the schema history does not match this library's migrations
     */
    List<SchemaMigration> schemaHistory();

    /** {@return what the store runs on and what it was found to support when it opened} */
    StoreInfo info();

    /** {@return store-wide counts for health pages} */
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
     *
     * @return the health report; never null
     */
    StoreHealth health();

    /**
     * Checks the database's integrity. SQLite: {@code PRAGMA quick_check} ({@code full} false: the pages and their
     * structure, in time linear in the size) or {@code PRAGMA integrity_check} and FTS5's own check of every
     * full-text index against its content ({@code full} true); runs on a reader, so writes go on.
     *
     * @param full false for the quick check, true for the full check with the full-text indexes
     * @return the report: ok when the database is sound, else the problems found
     * @throws UnsupportedOperationException on PostgreSQL (its data checksums and the server's {@code amcheck} /
     *                                       {@code pg_amcheck} are the operator's tools)
     */
    MaintenanceReport checkIntegrity(boolean full);

    /**
     * Brings the query planner's statistics up to date. SQLite: {@code PRAGMA optimize} (which runs
     * {@code ANALYZE} on the tables that need it). PostgreSQL: {@code ANALYZE} of the store's tables.
     *
     * @return the report of what ran and how long it took
     */
    MaintenanceReport optimize();

    /**
     * Returns free space to the file system and defragments. SQLite: {@code VACUUM}, then a rebuild of the
     * full-text indexes (VACUUM may renumber the rows they point to); writers wait while it runs (about as long as
     * copying the file), readers do not. PostgreSQL: {@code VACUUM (ANALYZE)} of the store's tables, which takes
     * no lock that stops reads or writes.
     *
     * @return the report, with the database's size before and after among its figures
     */
    MaintenanceReport vacuum();

    /**
     * SQLite: copies the write-ahead log into the database and starts it over ({@code wal_checkpoint(TRUNCATE)}),
     * waiting a short while for readers; not ok when readers kept it from finishing.
     *
     * @return the report; not ok when readers kept the checkpoint from finishing
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
     * @param target   the backup file to write; its directory must exist
     * @param progress told after each step (use {@link BackupProgress#NONE} for nothing)
     * @return the backup written and checked
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
     * @param target the backup file to write; its directory must exist
     * @return the backup written and checked
     * @throws UnsupportedOperationException on PostgreSQL, as {@link #backupTo}
     * @throws InvalidInputException     as for {@link #backupTo}
     * @throws StoreUnavailableException as for {@link #backupTo}
     * @throws CorruptDatabaseException  as for {@link #backupTo}
     */
    BackupReport compactTo(Path target);

    // Retention: store-wide, batched. Each works through the matching rows in short write
    // transactions of a bounded number of rows (a few hundred, fewer when the rows are large), one
    // after the other, so other writers wait at most one batch; a row changed by a concurrent write
    // is judged again as it is when its batch writes. Times are the store's clock. A null or negative
    // duration is an InvalidInputException naming the argument, and changes nothing; a duration
    // reaching back before the year 1 matches nothing.

    /**
     * Deletes every user's orphaned attachments (linked to no message and no conversation, as
     * {@link Attachments#orphans} lists them per user) not changed for longer than {@code olderThan}:
     * created, or given a status, before now minus {@code olderThan}, so a file uploaded a moment ago
     * and not linked yet is not taken. Each goes the way {@link Attachments#delete} deletes, with its
     * extracted text's search entries and its embeddings.
     *
     * <p>An inline attachment is deleted without a callback. For an attachment whose bytes live at a
     * storage URI, the purge checks that it is still such an orphan, then calls
     * {@code deleter.delete(uri)} outside any transaction, and only when that returns normally deletes
     * the row, in a short transaction of its own that locks the row and checks again that it is still
     * an orphan. A callback that throws keeps its row (the file is presumably still there), is counted
     * in {@link OrphanPurgeReport#failed()}, and the purge goes on with the others.
     *
     * <p><b>The race.</b> The file goes before its row, so that a failed callback never leaves a row
     * without a file it still has. The price: an append or {@link Attachments#linkToConversation} that
     * names the attachment between the check before the callback and the row's deletion keeps the row
     * (it is no longer an orphan, and is not counted as deleted) although its file is gone. Such rows
     * are counted in {@link OrphanPurgeReport#relinked()} and listed in
     * {@link OrphanPurgeReport#relinkedFiles()} for the application to repair. Choosing an
     * {@code olderThan} well beyond the time between an upload and the message that uses it (hours,
     * not seconds) makes it practically impossible. A link arriving after the row is deleted fails
     * with {@link NotFoundException}, as for any deleted attachment.
     *
     * <p>The callback must be idempotent (see {@link StoredFileDeleter#delete}): if the database fails
     * after a file went, the purge ends with that exception and the next one offers the file again.
     * If the running thread is interrupted, the purge stops after the current attachment and reports
     * what it did.
     *
     * @param olderThan how long an orphan must have been unchanged, zero or more
     * @param deleter   deletes a stored file of the application's
     * @return how many were deleted, failed and relinked
     * @throws InvalidInputException ({@code olderThan}, {@code deleter}) if null or negative
     */
    OrphanPurgeReport purgeOrphanedAttachments(Duration olderThan, StoredFileDeleter deleter);

    /**
     * Archives every user's conversations inactive for longer than {@code inactiveFor}: not archived,
     * not pinned (a pinned conversation is one the user chose to keep at hand, so it is exempt), and
     * unchanged since before now minus {@code inactiveFor}. A conversation's last change is its
     * {@link Conversation#updatedAt()}: its creation, or later its last appended or deleted message,
     * rename, setting, metadata, pin or archive change or read marker; so a conversation the user
     * just unarchived is not archived again at once. Each is archived as
     * {@link Conversations#setArchived} archives it: archived, its revision one higher, its
     * {@code updatedAt} now. Its messages stay.
     *
     * @param inactiveFor how long a conversation must have been unchanged, zero or more
     * @return how many conversations were archived
     * @throws InvalidInputException ({@code inactiveFor}) if null or negative
     */
    long archiveInactive(Duration inactiveFor);

    /**
     * Deletes every user's archived conversations unchanged for longer than {@code archivedFor}:
     * their {@link Conversation#updatedAt()}, which archiving sets, is before now minus
     * {@code archivedFor}. Pinned ones are exempt, as from {@link #archiveInactive}: a deletion cannot
     * be undone, and a pin says the user wants the conversation kept. Each is deleted as
     * {@link Conversations#delete} deletes it: with its messages, their search entries, embeddings
     * and attachment links (files linked to nothing else become orphans, for
     * {@link #purgeOrphanedAttachments}); memory facts learned from it stay, without their source.
     *
     * @param archivedFor how long an archived conversation must have been unchanged, zero or more
     * @return how many conversations were deleted
     * @throws InvalidInputException ({@code archivedFor}) if null or negative
     */
    long deleteArchived(Duration archivedFor);
    // Moving data: the whole store as JSON Lines, in the format of docs/export-format.md
    // (format version 1). Exports of two stores holding the same data are equal byte for byte, whatever the backend.

    /**
     * Writes the whole store to {@code out} (not closed) as JSON Lines: a header line, the personas, then user by
     * user (ordered by id) every row of theirs, table by table, each user closed by a line with its row count and
     * checksum, and a last line with the totals. Ids, sequence numbers, branches and tips, reply links, idempotency
     * keys, timestamps, counters and attachment links are written as stored; derived data (search indexes, the
     * versions approximate search keeps) is not, and is rebuilt by the import. Streams from one consistent read in
     * memory that does not grow with the store.
     *
     * @param out     where to write
     * @param options whether to include secrets, and the progress listener ({@link StoreExportOptions#defaults()})
     * @return what was written, with each user's checksum
     * @throws java.io.UncheckedIOException if writing to {@code out} fails
     * @throws InvalidInputException         ({@code out}, {@code options}) if null
     */
    StoreExportSummary exportStore(OutputStream out, StoreExportOptions options);

    /**
     * Reads an export of {@link #exportStore} (of any backend) from {@code in} (not closed) and writes it into this
     * store: the personas in one transaction, then each user in one transaction of their own, in batches, so a user
     * is imported whole or not at all. Each user's row count and checksum are checked before their transaction
     * commits. What derived data the rows need (search indexes, activity numbering) is brought up to date.
     *
     * @param in      an export of {@link #exportStore}
     * @param options whether to skip users already in the store, and the progress listener
     *                ({@link StoreImportOptions#defaults()})
     * @return what was imported and skipped
     * @throws ImportException       naming the line, if the file is not an export of a format this library reads,
     *                               is corrupt or truncated, holds a value the store refuses, or names a user or
     *                               persona the store already holds (unless told to skip them); what was imported
     *                               before that user stays
     * @throws InvalidInputException ({@code in}, {@code options}) if null
     */
    StoreImportReport importStore(InputStream in, StoreImportOptions options);

    /**
     * Counts the rows of every table of the export format and computes every user's checksum, from one consistent
     * read: what {@link StoreCopy} compares between a source and its copy.
     *
     * @return the row counts per table and the checksums per user
     */
    StoreChecksums checksums();
}
