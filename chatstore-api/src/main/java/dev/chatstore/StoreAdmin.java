package dev.chatstore;

import java.util.List;

/**
 * What an operator does with a store: schema migrations and their history, statistics, purging
 * expired data and rotating the encryption key. A command-line tool or a health endpoint can be
 * written against this interface alone. Thread-safe.
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
}
