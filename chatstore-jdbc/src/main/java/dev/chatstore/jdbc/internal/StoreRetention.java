package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.OrphanPurgeReport;
import dev.chatstore.OrphanPurgeReport.Failure;
import dev.chatstore.OrphanPurgeReport.StoredFile;
import dev.chatstore.StoredFileDeleter;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.internal.JdbcAttachments.Orphan;
import dev.chatstore.jdbc.internal.JdbcAttachments.OrphanDeletion;
import dev.chatstore.jdbc.internal.JdbcConversations.Candidate;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Retention, store-wide: purging orphaned attachments, archiving inactive conversations, deleting
 * archived ones. Each walks the matching rows in id order, a batch at a time: the batch is found
 * with a read, then written in one short write transaction that checks every row's condition again
 * as it finds the row, so a purge never holds the writer for long (SQLite has one) and a row a
 * concurrent write changed is judged as it is now. The rows are written through their owners'
 * paths ({@link JdbcAttachments}, {@link JdbcConversations}). Thread-safe (stateless).
 */
final class StoreRetention {
    /** Rows found, and at most written, per batch. */
    static final int BATCH = 200;
    /**
     * Messages deleted with their conversations per write transaction, about: a batch is split so
     * that its transactions stay short; a conversation with more goes alone.
     */
    static final long MESSAGES_PER_TRANSACTION = 10_000;
    /** Before this no time is stored: a cutoff earlier than it matches nothing. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private final StoreContext ctx;

    StoreRetention(StoreContext ctx) {
        this.ctx = ctx;
    }

    /** See {@link dev.chatstore.StoreAdmin#purgeOrphanedAttachments}. */
    OrphanPurgeReport purgeOrphanedAttachments(Duration olderThan, StoredFileDeleter deleter) {
        requireAge("olderThan", olderThan);
        Check.notNull("deleter", deleter);
        Optional<Instant> cutoff = cutoff(olderThan);
        Purge purge = new Purge();
        if (cutoff.isEmpty()) {
            return purge.report();
        }
        String afterUser = "";
        String after = "";
        while (!Thread.currentThread().isInterrupted()) {
            String fromUser = afterUser;
            String from = after;
            List<Orphan> batch = ctx.read("find orphaned attachments",
                    h -> JdbcAttachments.expiredOrphans(ctx, h, cutoff.get(), fromUser, from, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            List<Orphan> inline = batch.stream().filter(o -> o.storageUri() == null).toList();
            if (!inline.isEmpty()) {
                purge.deleted += ctx.write("purge orphaned attachments", h -> inline.stream()
                        .filter(o -> JdbcAttachments.deleteIfOrphan(ctx, h, o, cutoff.get()) == OrphanDeletion.DELETED)
                        .count());
            }
            for (Orphan stored : batch) {
                if (stored.storageUri() != null && !Thread.currentThread().isInterrupted()) {
                    purgeStored(stored, cutoff.get(), deleter, purge);
                }
            }
            if (batch.size() < BATCH) {
                break;
            }
            afterUser = batch.get(batch.size() - 1).userId();
            after = batch.get(batch.size() - 1).id();
        }
        return purge.report();
    }

    /**
     * An orphan whose bytes the application stores: checked again, its file deleted by the
     * callback outside any transaction, then its row, if it is still an orphan, in a transaction
     * of its own.
     */
    private void purgeStored(Orphan orphan, Instant cutoff, StoredFileDeleter deleter, Purge purge) {
        if (!ctx.read("check an orphaned attachment", h -> JdbcAttachments.isExpiredOrphan(ctx, h, orphan, cutoff))) {
            return;
        }
        StoredFile file = new StoredFile(orphan.userId(), orphan.id(), orphan.storageUri());
        try {
            deleter.delete(orphan.storageUri());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            purge.failed++;
            if (purge.failures.size() < OrphanPurgeReport.LISTED_MAX) {
                purge.failures.add(new Failure(file, e));
            }
            return;
        }
        // The file is gone: the row goes if it is still an orphan, however recently it changed.
        OrphanDeletion outcome = ctx.write("purge an orphaned attachment",
                h -> JdbcAttachments.deleteIfOrphan(ctx, h, orphan, null));
        switch (outcome) {
            case DELETED -> purge.deleted++;
            case KEPT -> {
                purge.relinked++;
                if (purge.relinkedFiles.size() < OrphanPurgeReport.LISTED_MAX) {
                    purge.relinkedFiles.add(file);
                }
            }
            case GONE -> { }
        }
    }

    /** What a purge has done so far. */
    private static final class Purge {
        long deleted;
        long failed;
        long relinked;
        final List<Failure> failures = new ArrayList<>();
        final List<StoredFile> relinkedFiles = new ArrayList<>();

        OrphanPurgeReport report() {
            return new OrphanPurgeReport(deleted, failed, relinked, failures, relinkedFiles);
        }
    }

    /** See {@link dev.chatstore.StoreAdmin#archiveInactive}. */
    long archiveInactive(Duration inactiveFor) {
        requireAge("inactiveFor", inactiveFor);
        return cutoff(inactiveFor).map(cutoff -> inBatches(false, cutoff, "archive inactive conversations",
                JdbcConversations::archiveIfInactive)).orElse(0L);
    }

    /** See {@link dev.chatstore.StoreAdmin#deleteArchived}. */
    long deleteArchived(Duration archivedFor) {
        requireAge("archivedFor", archivedFor);
        return cutoff(archivedFor).map(cutoff -> inBatches(true, cutoff, "delete archived conversations",
                JdbcConversations::deleteIfArchivedBefore)).orElse(0L);
    }

    private interface ConversationWrite {
        boolean apply(StoreContext ctx, Handle h, Candidate c, Instant cutoff);
    }

    /**
     * Finds the candidates (archived or not) a batch at a time and writes each batch, split so that
     * one transaction deletes about {@link #MESSAGES_PER_TRANSACTION} messages at most.
     *
     * @return how many rows {@code write} changed
     */
    private long inBatches(boolean archived, Instant cutoff, String operation, ConversationWrite write) {
        long changed = 0;
        String afterUser = "";
        String after = "";
        while (true) {
            String fromUser = afterUser;
            String from = after;
            List<Candidate> batch = ctx.read(operation,
                    h -> JdbcConversations.retentionCandidates(ctx, h, archived, cutoff, fromUser, from, BATCH));
            for (List<Candidate> chunk : chunks(batch, archived)) {
                changed += ctx.write(operation, h -> chunk.stream().filter(c -> write.apply(ctx, h, c, cutoff)).count());
            }
            if (batch.size() < BATCH) {
                return changed;
            }
            afterUser = batch.get(batch.size() - 1).userId();
            after = batch.get(batch.size() - 1).id();
        }
    }

    /** The batch in transactions: one for archiving; for deleting, split by the messages that go. */
    private static List<List<Candidate>> chunks(List<Candidate> batch, boolean deleting) {
        if (!deleting) {
            return batch.isEmpty() ? List.of() : List.of(batch);
        }
        List<List<Candidate>> chunks = new ArrayList<>();
        List<Candidate> chunk = new ArrayList<>();
        long messages = 0;
        for (Candidate c : batch) {
            if (!chunk.isEmpty() && messages + c.messageCount() > MESSAGES_PER_TRANSACTION) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                messages = 0;
            }
            chunk.add(c);
            messages += c.messageCount();
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static void requireAge(String argument, Duration age) {
        Check.notNull(argument, age);
        if (age.isNegative()) {
            throw new InvalidInputException(argument, "must not be negative, was " + age);
        }
    }

    /**
     * Now minus {@code age}, rounded up to a whole millisecond: stored times are whole milliseconds,
     * so "before the cutoff" means the same on every backend. Empty when it falls before
     * {@link #EARLIEST}: nothing is that old.
     */
    private Optional<Instant> cutoff(Duration age) {
        try {
            Instant exact = ctx.now().minus(age);
            Instant millis = exact.truncatedTo(ChronoUnit.MILLIS);
            Instant rounded = millis.equals(exact) ? millis : millis.plusMillis(1);
            return rounded.isBefore(EARLIEST) ? Optional.empty() : Optional.of(rounded);
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
