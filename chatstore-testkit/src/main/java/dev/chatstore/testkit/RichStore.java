package dev.chatstore.testkit;

import dev.chatstore.ChatStore;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PersonaSpec;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.ToolCall;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kit's richest store: personas, and several users each with {@link SeededUser}'s one of everything plus tool
 * calls, reasoning, an edit, unicode, an API key and embeddings of every kind. For rules and tests that move a whole
 * store (export, import, copy) and must show that nothing is lost on the way.
 */
public final class RichStore {
    /** The users {@link #fill} seeds, in export order (by id); the last has a non-ASCII id. */
    public static final List<String> USERS = List.of(StoreFixture.ALICE, StoreFixture.BOB, "carol-ü");
    /** The API key each user's provider {@value #PROVIDER} holds. */
    public static final String API_KEY = "sk-rich-store-key";
    public static final String PROVIDER = "openai";
    public static final String MODEL = "embed-3";

    private RichStore() {
    }

    /** Fills an empty {@code store}, moving {@code clock} on between steps; returns each user's seed, by {@link #USERS}. */
    public static List<SeededUser> fill(ChatStore store, TestClock clock) {
        store.personas().upsert(PersonaSpec.of(SeededUser.PERSONA, "Tutor", "Explain patiently.")
                .withAvatarUrl("https://example.com/tutor.png"));
        store.personas().upsert(PersonaSpec.of("chef", "Chef «Ünï»", "Cook with what there is."));
        List<SeededUser> seeds = new ArrayList<>();
        for (String userId : USERS) {
            UserChats user = store.forUser(userId);
            SeededUser seed = SeededUser.create(user, clock);
            seeds.add(seed);
            more(user, seed, clock);
        }
        return seeds;
    }

    private static void more(UserChats user, SeededUser seed, TestClock clock) {
        String chat = user.conversations().create(new NewConversation("Tools 🛠", null, Map.of("n", 1, "tags", List.of("a", "b"))))
                .id();
        clock.advance(Duration.ofMillis(1));
        Message asked = user.messages().append(chat, NewMessage.user(Samples.UNICODE).clientMessageId("c-unicode")).message();
        Message call = user.messages().append(chat, NewMessage.assistant("")
                .toolCalls(ToolCall.of("call-1", "weather", "{\"city\":\"Lisbon\"}"))
                .reasoning("The user wants the weather.")).message();
        user.messages().append(chat, NewMessage.tool("call-1", "weather", "{\"temp\":21}"));
        Message same = user.messages().append(chat, NewMessage.assistant("21 °C in Lisbon, same millisecond.")).message();
        user.messages().editContent(same.id(), "21 °C in Lisbon.");
        user.providers().put(ProviderConfigSpec.of(PROVIDER).withBaseUrl("https://api.example.com/v1")
                .withModelPreferences(Map.of("default", "gpt-4o")).withApiKey(API_KEY));
        user.embeddings().put(EmbeddingTarget.message(asked.id()), MODEL, new float[] {0.1f, -0.2f, 0.3f});
        user.embeddings().put(EmbeddingTarget.message(call.id()), MODEL, new float[] {1e-7f, 2.5f, -3f});
        user.embeddings().put(EmbeddingTarget.fact(seed.sourcedFact().id()), MODEL, new float[] {0.5f, 0.5f, 0.5f});
        user.embeddings().put(EmbeddingTarget.attachmentChunk(seed.readyFile().id(), 0), MODEL,
                new float[] {0.9f, 0.1f, 0f}, "extracted words");
        clock.advance(Duration.ofSeconds(1));
    }
}
