package dev.chatstore.jdbc.internal;

import dev.chatstore.NotFoundException;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Links of attachments to messages and conversations, written in the transaction of the append or
 * link that makes them. Thread-safe (stateless).
 */
final class AttachmentLinks {
    enum Sql implements SqlStatement {
        ATTACHMENT_EXISTS, LINK_MESSAGE, LINK_CONVERSATION_BY_APPEND, LINK_CONVERSATION, UNLINK_WITH_MESSAGE;

        @Override
        public String catalog() {
            return "attachment_link";
        }
    }

    private final StoreContext ctx;

    AttachmentLinks(StoreContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param known ids already found to be the user's in this transaction; the new ones are added
     * @throws NotFoundException for the first of {@code attachmentIds} that is not the user's
     */
    void requireOwned(Handle h, String userId, Collection<String> attachmentIds, Set<String> known) {
        for (String id : attachmentIds) {
            if (!known.contains(id) && h.createQuery(ctx.sql(Sql.ATTACHMENT_EXISTS))
                    .bind("id", id)
                    .bind("userId", userId)
                    .mapTo(Integer.class).findOne().isEmpty()) {
                throw new NotFoundException("No attachment " + id);
            }
            known.add(id);
        }
    }

    /**
     * Before {@code messageId} is deleted: drops the conversation links its appends made for files
     * no other message of the conversation links, so those files can become orphans.
     */
    void unlinkWithMessage(Handle h, String userId, String conversationId, String messageId) {
        h.createUpdate(ctx.sql(Sql.UNLINK_WITH_MESSAGE))
                .bind("conversationId", conversationId)
                .bind("userId", userId)
                .bind("messageId", messageId)
                .execute();
    }

    /** Links the user's attachment to a conversation explicitly: the link stays when messages go. */
    boolean linkToConversation(Handle h, String userId, String conversationId, String attachmentId, Instant now) {
        return h.createUpdate(ctx.sql(Sql.LINK_CONVERSATION))
                .bind("conversationId", conversationId)
                .bind("attachmentId", attachmentId)
                .bind("userId", userId)
                .bind("now", now)
                .execute() > 0;
    }

    /** A batch of links from appended messages to their attachments (and their conversation). */
    final class Batch {
        private final Handle h;
        private final String userId;
        private final Instant now;
        /** Prepared on the first link: most appends have no attachments. */
        private PreparedBatch messageLinks;
        private PreparedBatch conversationLinks;

        Batch(Handle h, String userId, Instant now) {
            this.h = h;
            this.userId = userId;
            this.now = now;
        }

        void add(String conversationId, String messageId, String attachmentId) {
            if (messageLinks == null) {
                messageLinks = h.prepareBatch(ctx.sql(Sql.LINK_MESSAGE));
                conversationLinks = h.prepareBatch(ctx.sql(Sql.LINK_CONVERSATION_BY_APPEND));
            }
            messageLinks.bind("messageId", messageId).bind("attachmentId", attachmentId).bind("userId", userId).add();
            conversationLinks.bind("conversationId", conversationId).bind("attachmentId", attachmentId)
                    .bind("userId", userId).bind("now", now).add();
        }

        /** Runs the links; after the messages, whose foreign keys they need. */
        void execute() {
            if (messageLinks != null) {
                messageLinks.execute();
                conversationLinks.execute();
            }
        }
    }
}
