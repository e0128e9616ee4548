package dev.chatstore.jdbc.internal;

import dev.chatstore.Attachments;
import dev.chatstore.Conversations;
import dev.chatstore.MemoryFacts;
import dev.chatstore.Messages;
import dev.chatstore.UserChats;

/** The per-user view: every repository bound to one user id. Thread-safe. */
public final class JdbcUserChats implements UserChats {
    private final String userId;
    private final Conversations conversations;
    private final Messages messages;
    private final Attachments attachments;
    private final MemoryFacts facts;

    public JdbcUserChats(StoreContext ctx, String userId) {
        this.userId = userId;
        this.conversations = new JdbcConversations(ctx, userId);
        this.messages = new JdbcMessages(ctx, userId);
        this.attachments = new JdbcAttachments(ctx, userId);
        this.facts = new JdbcMemoryFacts(ctx, userId);
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public Conversations conversations() {
        return conversations;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    @Override
    public Attachments attachments() {
        return attachments;
    }

    @Override
    public MemoryFacts facts() {
        return facts;
    }
}
