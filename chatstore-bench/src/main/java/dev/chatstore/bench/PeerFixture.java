package dev.chatstore.bench;

import dev.chatstore.Messages;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQLite file per contender, each holding conversations of {@value #LENGTH} messages:
 * chatstore ({@value #CHATSTORE_POOL} conversations of {@value #USERS} users, built through its
 * API), Spring AI ({@value #PEER_POOL}, filled the way its repository writes) and LangChain4j
 * ({@value #PEER_POOL} memories, one JSON row each). Appends go round robin over each side's
 * conversations. chatstore gets more conversations because it makes many times more appends per
 * run; every side's conversations still grow during the runs ({@link #lengths()} says by how much),
 * which only ever makes chatstore's conversations the longer ones.
 */
final class PeerFixture implements AutoCloseable {
    static final int LENGTH = 1_000;
    static final int CHATSTORE_POOL = 300;
    static final int USERS = 30;
    static final int PEER_POOL = 100;

    final SqliteChatStore store;
    final List<AppendFixture.Target> chatstoreConversations;
    final SpringAiBaseline springAi;
    final List<String> springAiConversations;
    final LangChain4jBaseline langChain4j;
    final List<String> langChain4jMemories;

    private PeerFixture(Path dir) {
        Path chatstoreFile = dir.resolve("peers-chatstore.db");
        Sqlite.delete(chatstoreFile);
        this.store = Sqlite.openStore(chatstoreFile);
        List<AppendFixture.Target> targets = new ArrayList<>();
        List<UserChats> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add(store.forUser("peer-user-" + u));
        }
        for (int i = 0; i < CHATSTORE_POOL; i++) {
            UserChats user = users.get(i % USERS);
            Messages messages = user.messages();
            targets.add(new AppendFixture.Target(user.userId(), Datasets.conversation(user, LENGTH), messages));
        }
        this.chatstoreConversations = List.copyOf(targets);

        Path springFile = dir.resolve("peers-springai.db");
        SpringAiBaseline.createSchema(springFile);
        this.springAiConversations = SpringAiBaseline.fill(springFile, PEER_POOL, LENGTH);
        this.springAi = new SpringAiBaseline(springFile);

        Path langChainFile = dir.resolve("peers-langchain4j.db");
        Sqlite.delete(langChainFile);
        this.langChain4j = new LangChain4jBaseline(langChainFile);
        this.langChain4jMemories = langChain4j.fill(PEER_POOL, LENGTH);
    }

    static PeerFixture build(Path dir) {
        return new PeerFixture(dir);
    }

    /** The longest conversation of each side now, as each side itself counts. */
    long[] lengths() {
        long chatstore = 0;
        for (AppendFixture.Target t : chatstoreConversations) {
            chatstore = Math.max(chatstore, store.forUser(t.userId()).conversations().get(t.conversationId())
                    .orElseThrow().messageCount());
        }
        long spring = 0;
        for (String id : springAiConversations) {
            spring = Math.max(spring, springAi.length(id));
        }
        long langChain = 0;
        for (String id : langChain4jMemories) {
            langChain = Math.max(langChain, langChain4j.getMessages(id).size());
        }
        return new long[] {chatstore, spring, langChain};
    }

    @Override
    public void close() {
        store.close();
        springAi.close();
        langChain4j.close();
    }
}
