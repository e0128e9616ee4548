package dev.chatstore.bench;

import dev.chatstore.Conversation;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQLite store of {@value #MESSAGES} messages over {@value #CONVERSATIONS} conversations (with their
 * full-text index), for backups: chatstore's online backup and a plain {@code VACUUM INTO} of the same
 * file, and appends while a backup runs. Built once per JVM.
 */
final class BackupFixture implements AutoCloseable {
    static final int MESSAGES = 100_000;
    static final int CONVERSATIONS = 100;

    final Path file;
    final Path dir;
    final SqliteChatStore store;
    final UserChats chats;
    final List<String> conversations = new ArrayList<>();
    /** A plain connection on the same file, for the VACUUM INTO baseline. */
    final Connection raw;

    private BackupFixture(Path dir, Path file, SqliteChatStore store) {
        this.dir = dir;
        this.file = file;
        this.store = store;
        this.chats = store.forUser("backup-user");
        this.raw = Sqlite.connect(file);
    }

    static BackupFixture build(Path dir) {
        Path file = dir.resolve("backup-source.db");
        Sqlite.delete(file);
        SqliteChatStore store = Sqlite.openStore(file);
        BackupFixture f = new BackupFixture(dir, file, store);
        int perConversation = MESSAGES / CONVERSATIONS;
        for (int c = 0; c < CONVERSATIONS; c++) {
            Conversation conversation = f.chats.conversations().create(NewConversation.titled("topic " + c));
            f.conversations.add(conversation.id());
            List<NewMessage> batch = new ArrayList<>();
            for (int i = 0; i < perConversation; i++) {
                long n = (long) c * perConversation + i;
                batch.add(i % 2 == 0 ? NewMessage.user(Texts.text(n)) : NewMessage.assistant(Texts.text(n)));
            }
            f.chats.messages().appendAll(conversation.id(), batch);
        }
        return f;
    }

    @Override
    public void close() {
        try {
            raw.close();
        } catch (java.sql.SQLException ignored) {
            // closing at the end of the run
        }
        store.close();
    }
}
