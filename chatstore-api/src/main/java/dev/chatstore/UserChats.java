package dev.chatstore;

/**
 * Everything of one user. Another user's conversation, message, attachment or fact is, through
 * this view, indistinguishable from one that does not exist. Thread-safe.
 */
public interface UserChats {
    String userId();

    Conversations conversations();

    Messages messages();

    Attachments attachments();

    MemoryFacts facts();
}
