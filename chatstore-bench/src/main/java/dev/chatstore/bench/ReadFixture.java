package dev.chatstore.bench;

import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;

/**
 * One SQLite file for the read benchmarks, built through chatstore's API: a user with one
 * conversation of {@value #MESSAGES} messages and one of {@value #SHORT_MESSAGES}, and another user with {@value #CONVERSATIONS}
 * conversations. The cursors to the deepest pages are found by paging through once, as a client
 * would.
 */
final class ReadFixture implements AutoCloseable {
    static final int MESSAGES = 100_000;
    static final int SHORT_MESSAGES = 100;
    static final int WINDOW = 20;
    static final int CONVERSATIONS = 10_000;
    static final int MESSAGE_PAGE = 50;
    static final int CONVERSATION_PAGE = 20;

    final SqliteChatStore store;
    final UserChats reader;
    final UserChats lister;
    final String conversationId;
    /** A conversation of {@value #SHORT_MESSAGES} messages of the same user. */
    final String shortConversationId;
    /** The newest-first cursor whose page is the oldest {@value #MESSAGE_PAGE} messages. */
    final String oldestMessagesCursor;
    /** The list cursor whose page is the {@value #CONVERSATION_PAGE} least recently active conversations. */
    final String oldestConversationsCursor;

    private ReadFixture(Path file) {
        Sqlite.delete(file);
        this.store = Sqlite.openStore(file);
        this.reader = store.forUser("reader");
        this.lister = store.forUser("lister");
        this.conversationId = Datasets.conversation(reader, MESSAGES);
        this.shortConversationId = Datasets.conversation(reader, SHORT_MESSAGES);
        for (int i = 0; i < CONVERSATIONS; i++) {
            lister.conversations().create(NewConversation.titled("Conversation " + i));
        }
        this.oldestMessagesCursor = deepestMessagesCursor();
        this.oldestConversationsCursor = deepestConversationsCursor();
    }

    static ReadFixture build(Path dir) {
        return new ReadFixture(dir.resolve("reads.db"));
    }

    private String deepestMessagesCursor() {
        Page<Message> page = reader.messages().latest(conversationId, MESSAGE_PAGE);
        String cursor = null;
        while (page.hasNext()) {
            cursor = page.nextCursor();
            page = reader.messages().newestFirst(conversationId, PageRequest.at(cursor, MESSAGE_PAGE));
        }
        if (page.items().size() != MESSAGE_PAGE || page.items().get(MESSAGE_PAGE - 1).seq() != 1) {
            throw new IllegalStateException("The deepest message page is not the oldest " + MESSAGE_PAGE + " messages");
        }
        return cursor;
    }

    private String deepestConversationsCursor() {
        Page<Conversation> page = lister.conversations().list(PageRequest.first(CONVERSATION_PAGE));
        String cursor = null;
        int seen = page.items().size();
        while (page.hasNext()) {
            cursor = page.nextCursor();
            page = lister.conversations().list(PageRequest.at(cursor, CONVERSATION_PAGE));
            seen += page.items().size();
        }
        if (seen != CONVERSATIONS || page.items().size() != CONVERSATION_PAGE) {
            throw new IllegalStateException("Paging the list saw " + seen + " conversations, not " + CONVERSATIONS);
        }
        return cursor;
    }

    @Override
    public void close() {
        store.close();
    }
}
