package dev.chatstore.jdbc.internal;

import dev.chatstore.Appended;
import dev.chatstore.Feedback;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.Role;
import dev.chatstore.jdbc.MessageHook;
import dev.chatstore.jdbc.internal.ConversationLedger.Locked;
import dev.chatstore.jdbc.internal.MessageRows.Stored;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Appends messages, for {@code append}, {@code appendAll}, {@code regenerate},
 * {@code editIntoBranch} and a persona's greeting: idempotency by client message id, reference
 * checks, batched inserts, the conversation's counters, then the {@link MessageHook}s, all in the
 * caller's transaction on a conversation row the caller has locked. Never reads or rewrites the
 * rest of the conversation. Thread-safe (stateless).
 */
final class MessageAppender {
    private final StoreContext ctx;
    private final ConversationLedger ledger;
    private final MessageRows rows;
    private final AttachmentLinks links;

    MessageAppender(StoreContext ctx, ConversationLedger ledger, MessageRows rows, AttachmentLinks links) {
        this.ctx = ctx;
        this.ledger = ledger;
        this.rows = rows;
        this.links = links;
    }

    /** Locks the conversation and appends {@code batch} continuing its chosen branch. */
    List<Appended> append(Handle h, String userId, String conversationId, List<NewMessage> batch) {
        Locked row = ledger.lock(h, userId, conversationId);
        return appendAfter(h, userId, row, row.tipId(), batch);
    }

    /**
     * Appends {@code batch} after {@code parentId} on the locked conversation: the first message's
     * parent, each later one's parent the message before it. The last stored message becomes the tip.
     * The rows go to the database as one JDBC batch per table, so a large batch costs little more
     * than its inserts.
     */
    List<Appended> appendAfter(Handle h, String userId, Locked row, String parentId, List<NewMessage> batch) {
        Instant now = ctx.now();
        long seq = row.lastSeq();
        String parent = parentId;
        long unread = 0;
        List<Appended> results = new ArrayList<>(batch.size());
        List<Message> stored = new ArrayList<>(batch.size());
        Map<String, Stored> byClientIdInBatch = new HashMap<>();
        Set<String> storedIds = new HashSet<>();
        Set<String> knownAttachments = new HashSet<>();
        // The common turn, one message with a client id and nothing it refers to, is inserted unless the unique key
        // finds a replay: no read before the insert. Otherwise one lookup for the whole batch, not one per message,
        // so that replaying a large batch stays cheap, and a replay is recognised before any reference is checked.
        boolean replayCaughtByKey = batch.size() == 1 && isPlainKeyed(batch.get(0));
        Map<String, Stored> storedByClientId = replayCaughtByKey ? Map.of()
                : rows.byClientMessageIds(h, userId, row.id(), batch.stream()
                        .map(NewMessage::clientMessageId).filter(Objects::nonNull).distinct().toList());
        MessageRows.Inserts inserts = rows.inserts(h, userId);
        AttachmentLinks.Batch attachmentLinks = links.new Batch(h, userId, now);
        for (NewMessage m : batch) {
            String hash = null;
            if (m.clientMessageId() != null) {
                hash = PayloadHash.of(m);
                Stored inBatch = byClientIdInBatch.get(m.clientMessageId());
                Stored earlier = inBatch != null ? inBatch : storedByClientId.get(m.clientMessageId());
                if (earlier != null) {
                    results.add(replay(row.id(), m, earlier, hash, inBatch != null));
                    continue;
                }
            }
            checkReplyTarget(h, userId, row.id(), m, storedIds);
            links.requireOwned(h, userId, m.attachmentIds(), knownAttachments);
            Message message = new Message(ctx.ids.next(), row.id(), ++seq, parent, m.role(), m.type(), m.content(),
                    m.media(), m.usage(), m.toolCallId(), m.toolCalls(), m.toolName(), m.reasoning(),
                    sorted(m.attachmentIds()), m.metadata(), m.clientMessageId(), m.replyTo(),
                    Feedback.NONE, now, null);
            inserts.add(message, hash);
            m.attachmentIds().forEach(attachmentId -> attachmentLinks.add(row.id(), message.id(), attachmentId));
            stored.add(message);
            storedIds.add(message.id());
            parent = message.id();
            if (m.role() == Role.ASSISTANT) {
                unread++;
            }
            results.add(new Appended(message, false));
            if (hash != null) {
                byClientIdInBatch.put(m.clientMessageId(), new Stored(message, hash));
            }
        }
        if (stored.isEmpty()) {
            return results;
        }
        if (!replayCaughtByKey) {
            inserts.execute();
        } else if (!inserts.executeUnlessReplay()) {
            NewMessage m = batch.get(0);
            // Under the conversation's lock, so the row the key met is there to read.
            Stored earlier = rows.byClientMessageId(h, userId, row.id(), m.clientMessageId()).orElseThrow(
                    () -> new IllegalStateException("The key met client id " + m.clientMessageId() + ", the read did not"));
            return List.of(replay(row.id(), m, earlier, byClientIdInBatch.get(m.clientMessageId()).payloadHash(), false));
        }
        attachmentLinks.execute();
        Message newest = stored.get(stored.size() - 1);
        ledger.recordAppend(h, userId, row, seq, unread, newest.content(), newest.id(), now);
        for (MessageHook hook : ctx.hooks) {
            hook.appended(h, userId, List.copyOf(stored));
        }
        return results;
    }

    private static List<String> sorted(List<String> ids) {
        return ids.isEmpty() ? List.of() : ids.stream().sorted().toList();
    }

    /** A message with a client id that refers to no other message or attachment. */
    private static boolean isPlainKeyed(NewMessage m) {
        return m.clientMessageId() != null && m.replyTo() == null && m.attachmentIds().isEmpty();
    }

    private static Appended replay(String conversationId, NewMessage m, Stored earlier, String hash,
                                   boolean earlierInBatch) {
        if (!earlier.payloadHash().equals(hash)) {
            throw new IdempotencyConflictException(conversationId, m.clientMessageId(),
                    earlierInBatch ? null : earlier.message().id());
        }
        return new Appended(earlier.message(), true);
    }

    /** A reply must answer a message of the same conversation, possibly one earlier in the same batch. */
    private void checkReplyTarget(Handle h, String userId, String conversationId, NewMessage m,
                                  Set<String> storedInBatch) {
        String target = m.replyTo();
        if (target == null || storedInBatch.contains(target)) {
            return;
        }
        if (!rows.isInConversation(h, userId, target, conversationId)) {
            throw new NotFoundException("No message " + target + " in conversation " + conversationId + " to reply to");
        }
    }
}
