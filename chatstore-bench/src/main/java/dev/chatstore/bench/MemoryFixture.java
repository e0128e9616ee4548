package dev.chatstore.bench;

import dev.chatstore.Conversation;
import dev.chatstore.NewConversation;
import dev.chatstore.UserChats;
import dev.chatstore.langchain4j.ChatstoreChatMemoryStore;
import dev.chatstore.springai.ChatstoreChatMemoryRepository;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat memories with a window of {@code window} messages, as a service's LLM loop uses them, each
 * side on its own SQLite file: the chatstore adapters (Spring AI repository, LangChain4j store)
 * over conversations that already hold {@value #HISTORY_TURNS} turns (the window their newest
 * messages), and Spring AI's {@code JdbcChatMemoryRepository} and a LangChain4j JSON-row store
 * holding the window only, as they do. {@value #CONVERSATIONS} conversations per side, used round robin.
 */
final class MemoryFixture implements AutoCloseable {
    static final int HISTORY_TURNS = 1_000;
    static final int CONVERSATIONS = 50;

    final int window;
    final SqliteChatStore store;
    final org.springframework.ai.chat.memory.ChatMemory springAdapter;
    final List<String> springAdapterIds = new ArrayList<>();
    final SpringAiBaseline springPeer;
    final List<String> springPeerIds;
    final List<ChatMemory> langChainAdapter = new ArrayList<>();
    final LangChain4jBaseline langChainPeerStore;
    final List<ChatMemory> langChainPeer = new ArrayList<>();

    private MemoryFixture(Path dir, int window) {
        this.window = window;
        Path chatstoreFile = dir.resolve("memory-chatstore-" + window + ".db");
        Sqlite.delete(chatstoreFile);
        this.store = Sqlite.openStore(chatstoreFile);

        UserChats springUser = store.forUser("spring-ai-user");
        for (int i = 0; i < CONVERSATIONS; i++) {
            String key = "spring-" + i;
            springAdapterIds.add(key);
            history(springUser, key, Map.of(ChatstoreChatMemoryRepository.WINDOW_START_KEY, 2L * HISTORY_TURNS - window + 1));
        }
        this.springAdapter = org.springframework.ai.chat.memory.MessageWindowChatMemory.builder()
                .chatMemoryRepository(ChatstoreChatMemoryRepository.builder(store).userId("spring-ai-user").build())
                .maxMessages(window)
                .build();

        Path springFile = dir.resolve("memory-springai-" + window + ".db");
        SpringAiBaseline.createSchema(springFile);
        this.springPeerIds = SpringAiBaseline.fill(springFile, CONVERSATIONS, window);
        this.springPeer = new SpringAiBaseline(springFile, window);

        UserChats langChainUser = store.forUser("langchain4j-user");
        ChatstoreChatMemoryStore adapterStore = ChatstoreChatMemoryStore.builder(store).userId("langchain4j-user").build();
        for (int i = 0; i < CONVERSATIONS; i++) {
            String key = "langchain4j-" + i;
            history(langChainUser, key, Map.of(ChatstoreChatMemoryStore.WINDOW_KEY,
                    List.of(List.of(2L * HISTORY_TURNS - window + 1, 2L * HISTORY_TURNS))));
            langChainAdapter.add(dev.langchain4j.memory.chat.MessageWindowChatMemory.builder()
                    .id(key).maxMessages(window).chatMemoryStore(adapterStore).build());
        }

        Path langChainFile = dir.resolve("memory-langchain4j-" + window + ".db");
        Sqlite.delete(langChainFile);
        this.langChainPeerStore = new LangChain4jBaseline(langChainFile);
        for (String id : langChainPeerStore.fill(CONVERSATIONS, window)) {
            langChainPeer.add(dev.langchain4j.memory.chat.MessageWindowChatMemory.builder()
                    .id(id).maxMessages(window).chatMemoryStore(langChainPeerStore).build());
        }
    }

    /** A conversation of {@value #HISTORY_TURNS} turns under {@code key}, its window recorded as given. */
    private static void history(UserChats user, String key, Map<String, Object> window) {
        Conversation c = user.conversations().getOrCreateByExternalKey(key, NewConversation.untitled());
        Datasets.fill(user.messages(), c.id(), 2 * HISTORY_TURNS);
        user.conversations().patchMetadata(c.id(), new HashMap<>(window));
    }

    static MemoryFixture build(Path dir, int window) {
        return new MemoryFixture(dir, window);
    }

    /** One LangChain4j turn: the user's message, then the model's answer. */
    static void langChainTurn(ChatMemory memory, long n) {
        memory.add(UserMessage.from(Texts.text(n)));
        memory.add(AiMessage.from(Texts.text(n + 1)));
    }

    /** The window each side holds now, as each side reads it. */
    Map<String, Integer> windows() {
        Map<String, Integer> sizes = new HashMap<>();
        sizes.put("springai_adapter", springAdapter.get(springAdapterIds.get(0)).size());
        sizes.put("springai_jdbc", springPeer.length(springPeerIds.get(0)));
        List<ChatMessage> adapter = langChainAdapter.get(0).messages();
        sizes.put("langchain4j_adapter", adapter.size());
        sizes.put("langchain4j_json", langChainPeer.get(0).messages().size());
        return sizes;
    }

    @Override
    public void close() {
        store.close();
        springPeer.close();
        langChainPeerStore.close();
    }
}
