package dev.chatstore.jdbc.internal;

import dev.chatstore.Attachment;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.Attachments;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.IllegalStateTransitionException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.NewAttachment;
import dev.chatstore.NotFoundException;
import dev.chatstore.internal.Check;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** One user's attachments. Status changes are compare-and-set on the current status. Thread-safe. */
final class JdbcAttachments implements Attachments {
    enum Sql implements SqlStatement {
        INSERT, BY_ID, INLINE_DATA, TRANSITION, LIST_FOR_MESSAGE, LIST_FOR_CONVERSATION, ORPHANS, DELETE,
        EXPIRED_ORPHANS, IS_EXPIRED_ORPHAN, LOCK, IS_ORPHAN;

        @Override
        public String catalog() {
            return "attachment";
        }
    }

    private final StoreContext ctx;
    private final String userId;
    private final RowMapper<Attachment> mapper;

    JdbcAttachments(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
        this.mapper = Rows.attachment(ctx.dialect);
    }

    @Override
    public Attachment create(NewAttachment a) {
        Check.notNull("attachment", a);
        int maxInline = ctx.options.maxInlineAttachmentBytes();
        if (a.isInline() && a.sizeBytes() > maxInline) {
            throw new InvalidInputException("attachment", "inline data of " + a.sizeBytes()
                    + " bytes exceeds this store's inline limit of " + maxInline + " bytes; store it elsewhere and pass its URI");
        }
        String id = ctx.ids.next();
        Instant now = ctx.now();
        ctx.writeFor(userId, "create an attachment", h -> h.createUpdate(ctx.sql(Sql.INSERT))
                .bind("id", id)
                .bind("userId", userId)
                .bind("name", a.name())
                .bind("mimeType", a.mimeType())
                .bind("sizeBytes", a.sizeBytes())
                .bind("sha256", a.sha256())
                .bind("storageUri", a.storageUri())
                .bind("inlineData", a.inlineData())
                .bind("now", now)
                .execute());
        return new Attachment(id, userId, a.name(), a.mimeType(), a.sizeBytes(), a.sha256(), a.storageUri(),
                a.isInline(), AttachmentStatus.UPLOADING, null, null, null, now, now);
    }

    @Override
    public Optional<Attachment> get(String attachmentId) {
        Check.id("attachmentId", attachmentId);
        return ctx.readFor(userId, "read an attachment", h -> find(h, attachmentId));
    }

    private Optional<Attachment> find(Handle h, String attachmentId) {
        return h.createQuery(ctx.sql(Sql.BY_ID))
                .bind("id", attachmentId)
                .bind("userId", userId)
                .map(mapper).findOne();
    }

    @Override
    public Optional<byte[]> inlineData(String attachmentId) {
        Check.id("attachmentId", attachmentId);
        return ctx.readFor(userId, "read attachment data", h -> h.createQuery(ctx.sql(Sql.INLINE_DATA))
                .bind("id", attachmentId)
                .bind("userId", userId)
                .map((rs, c) -> Optional.ofNullable(rs.getBytes(1)))
                .findOne()
                .flatMap(data -> data));
    }

    @Override
    public Attachment markProcessing(String attachmentId) {
        return transition(attachmentId, AttachmentStatus.PROCESSING, null, null, null);
    }

    @Override
    public Attachment markReady(String attachmentId, String extractedText, Integer wordCount) {
        Check.optionalText("extractedText", extractedText, Limits.EXTRACTED_TEXT_MAX);
        if (wordCount != null) {
            Check.nonNegative("wordCount", wordCount);
        }
        return transition(attachmentId, AttachmentStatus.READY, null, extractedText, wordCount);
    }

    @Override
    public Attachment markError(String attachmentId, String errorText) {
        Check.text("errorText", errorText, Limits.ERROR_TEXT_MAX);
        return transition(attachmentId, AttachmentStatus.ERROR, errorText, null, null);
    }

    private Attachment transition(String attachmentId, AttachmentStatus to, String errorText, String extractedText,
                                  Integer wordCount) {
        Check.id("attachmentId", attachmentId);
        return ctx.writeFor(userId, "change an attachment's status", h -> {
            Attachment current = find(h, attachmentId)
                    .orElseThrow(() -> notFound(attachmentId));
            if (!current.status().canMoveTo(to)) {
                throw new IllegalStateTransitionException("Attachment " + attachmentId + " cannot move from "
                        + current.status().wireName() + " to " + to.wireName());
            }
            int updated = h.createUpdate(ctx.sql(Sql.TRANSITION))
                    .bind("id", attachmentId)
                    .bind("userId", userId)
                    .bind("from", current.status().wireName())
                    .bind("to", to.wireName())
                    .bind("errorText", errorText)
                    .bind("extractedText", extractedText)
                    .bind("wordCount", wordCount)
                    .bind("now", ctx.now())
                    .execute();
            if (updated == 0) {
                throw new ConcurrentUpdateException("Attachment " + attachmentId + " changed status concurrently");
            }
            return find(h, attachmentId).orElseThrow();
        });
    }

    @Override
    public void linkToConversation(String attachmentId, String conversationId) {
        Check.id("attachmentId", attachmentId);
        Check.id("conversationId", conversationId);
        ctx.writeFor(userId, "link an attachment", h -> {
            if (find(h, attachmentId).isEmpty()) {
                throw notFound(attachmentId);
            }
            ctx.ledger.lock(h, userId, conversationId);
            return ctx.attachmentLinks.linkToConversation(h, userId, conversationId, attachmentId, ctx.now());
        });
    }

    @Override
    public List<Attachment> listForMessage(String messageId) {
        Check.id("messageId", messageId);
        return ctx.readFor(userId, "list attachments", h -> h.createQuery(ctx.sql(Sql.LIST_FOR_MESSAGE))
                .bind("messageId", messageId)
                .bind("userId", userId)
                .bind("limit", Limits.ATTACHMENTS_LIST_MAX)
                .map(mapper).list());
    }

    @Override
    public List<Attachment> listForConversation(String conversationId) {
        Check.id("conversationId", conversationId);
        return ctx.readFor(userId, "list attachments", h -> h.createQuery(ctx.sql(Sql.LIST_FOR_CONVERSATION))
                .bind("conversationId", conversationId)
                .bind("userId", userId)
                .bind("limit", Limits.ATTACHMENTS_LIST_MAX)
                .map(mapper).list());
    }

    @Override
    public List<Attachment> orphans(int limit) {
        Check.limit("limit", limit, Limits.ATTACHMENTS_LIST_MAX);
        return ctx.readFor(userId, "list orphaned attachments", h -> h.createQuery(ctx.sql(Sql.ORPHANS))
                .bind("userId", userId)
                .bind("limit", limit)
                .map(mapper).list());
    }

    @Override
    public boolean delete(String attachmentId) {
        Check.id("attachmentId", attachmentId);
        return ctx.writeFor(userId, "delete an attachment", h -> delete(ctx, h, userId, attachmentId));
    }

    /**
     * The one way an attachment row is deleted: its links, extracted text's search entries and
     * embeddings go with it (foreign keys and triggers).
     */
    private static boolean delete(StoreContext ctx, Handle h, String userId, String attachmentId) {
        return h.createUpdate(ctx.sql(Sql.DELETE))
                .bind("id", attachmentId)
                .bind("userId", userId)
                .execute() > 0;
    }

    /** An orphan found by {@link #expiredOrphans}; {@code storageUri} is null for an inline one. */
    record Orphan(String id, String userId, String storageUri) {
    }

    /**
     * Up to {@code limit} orphans of every user unchanged since before {@code cutoff}, after ({@code afterUserId},
     * {@code afterId}) in (user id, id) order, the primary key's.
     */
    static List<Orphan> expiredOrphans(StoreContext ctx, Handle h, Instant cutoff, String afterUserId, String afterId,
                                       int limit) {
        return h.createQuery(ctx.sql(Sql.EXPIRED_ORPHANS))
                .bind("afterUserId", afterUserId)
                .bind("after", afterId)
                .bind("cutoff", cutoff)
                .bind("limit", limit)
                .map((rs, c) -> new Orphan(rs.getString("id"), rs.getString("user_id"), rs.getString("storage_uri")))
                .list();
    }

    /** Whether the attachment is still an orphan unchanged since before {@code cutoff}. */
    static boolean isExpiredOrphan(StoreContext ctx, Handle h, Orphan orphan, Instant cutoff) {
        return h.createQuery(ctx.sql(Sql.IS_EXPIRED_ORPHAN))
                .bind("id", orphan.id())
                .bind("userId", orphan.userId())
                .bind("cutoff", cutoff)
                .mapTo(Integer.class).findOne().isPresent();
    }

    /** What {@link #deleteIfOrphan} found. */
    enum OrphanDeletion {
        DELETED, KEPT, GONE
    }

    /**
     * Locks the attachment, then deletes it if it is (still) an orphan, and, when {@code cutoff} is
     * not null, unchanged since before it. Linking writers are waited for by the lock (see lock in
     * attachment.sql), so a link committed before it is seen and one after it fails.
     *
     * @return DELETED, KEPT if it is no longer such an orphan, GONE if it no longer exists
     */
    static OrphanDeletion deleteIfOrphan(StoreContext ctx, Handle h, Orphan orphan, Instant cutoff) {
        boolean exists = h.createQuery(ctx.sql(Sql.LOCK))
                .bind("id", orphan.id())
                .bind("userId", orphan.userId())
                .mapTo(Integer.class).findOne().isPresent();
        if (!exists) {
            return OrphanDeletion.GONE;
        }
        boolean orphaned = cutoff != null ? isExpiredOrphan(ctx, h, orphan, cutoff)
                : h.createQuery(ctx.sql(Sql.IS_ORPHAN))
                        .bind("id", orphan.id())
                        .bind("userId", orphan.userId())
                        .mapTo(Integer.class).findOne().isPresent();
        if (!orphaned) {
            return OrphanDeletion.KEPT;
        }
        return delete(ctx, h, orphan.userId(), orphan.id()) ? OrphanDeletion.DELETED : OrphanDeletion.GONE;
    }

    private static NotFoundException notFound(String attachmentId) {
        return new NotFoundException("No attachment " + attachmentId);
    }
}
