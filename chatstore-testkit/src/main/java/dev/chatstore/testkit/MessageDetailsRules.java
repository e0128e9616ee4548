package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.Limits;
import dev.chatstore.Media;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.TokenTotals;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a message carries besides text: its type, media references, an audio clip with its
 * duration, the model and token counts, a tool call id, and free AI metadata, all stored exactly;
 * and the conversation's token totals.
 */
public interface MessageDetailsRules extends StoreFixture {

    /**
     * A plain message is text, with no media, usage, tool call, feedback or edit: look at the defaults the row mapper
     * gives for empty columns (the NONE values, never null).
     */
    @Test
    default void aPlainMessageHasTheDefaultDetails() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "plain");
        Message read = reloadMessage(alice(), m.id());
        assertThat(read).as("read back as appended").isEqualTo(m);
        assertThat(read).extracting(Message::type, Message::media, Message::usage, Message::toolCallId, Message::feedback,
                        Message::editedAt)
                .as("text, no media, no usage, no tool call, no feedback, never edited")
                .containsExactly(MessageType.TEXT, Media.NONE, TokenUsage.NONE, null, Feedback.NONE, null);
    }

    /**
     * Every message type with its media round-trips exactly, media references in order: look at the type column and
     * the media columns' (de)serialization.
     */
    @Test
    default void typesAndMediaRoundTripExactly() {
        Conversation c = newConversation(alice());
        Media images = Media.refs("s3://bucket/a.png", "https://cdn.example.com/b.jpg?x=1&y=2", "s3://bucket/ü 🌍.png");
        Media audio = Media.audio("s3://bucket/voice.ogg", 12_345L);
        Media both = new Media(List.of("s3://bucket/frame.png"), "s3://bucket/clip.mp3", 0L);
        Media audioWithoutLength = new Media(List.of(), "s3://bucket/unknown.wav", null);
        List<NewMessage> sent = List.of(
                NewMessage.user("see").type(MessageType.IMAGE).media(images),
                NewMessage.user("").type(MessageType.AUDIO).media(audio),
                NewMessage.assistant("both").type(MessageType.MULTIMODAL).media(both),
                NewMessage.user("voice").type(MessageType.AUDIO).media(audioWithoutLength),
                NewMessage.user("typed text").type(MessageType.TEXT));
        for (NewMessage n : sent) {
            Message m = append(alice(), c.id(), n);
            assertThat(m).extracting(Message::type, Message::media).as("returned %s", n.type())
                    .containsExactly(n.type(), n.media());
            assertThat(reloadMessage(alice(), m.id())).as("read back").isEqualTo(m);
        }
        assertThat(MessageType.parse("multimodal")).as("wire names parse back").isEqualTo(MessageType.MULTIMODAL);
    }

    /** Up to the maximum number of media references round-trip in order: look at how the list is stored. */
    @Test
    default void aMessageHoldsUpToTheMaximumMediaReferences() {
        Conversation c = newConversation(alice());
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < Limits.MEDIA_REFS_MAX; i++) {
            refs.add("s3://bucket/" + (Limits.MEDIA_REFS_MAX - i) + ".png");
        }
        refs.set(0, "s3://" + "k".repeat(Limits.STORAGE_URI_MAX - 5));
        Message m = append(alice(), c.id(), NewMessage.user("album").type(MessageType.IMAGE)
                .media(new Media(refs, null, null)));
        assertThat(reloadMessage(alice(), m.id()).media().refs()).as("every reference, in order")
                .containsExactlyElementsOf(refs);
        expectInvalid("mediaRefs", () -> {
            List<String> tooMany = new ArrayList<>(refs);
            tooMany.add("s3://one-more");
            new Media(tooMany, null, null);
        });
    }

    /** Model name and token counts round-trip, unknown counts as null: look at the usage columns and their NULLs. */
    @Test
    default void tokenUsageRoundTripsWithUnknownCountsAsNull() {
        Conversation c = newConversation(alice());
        List<TokenUsage> usages = List.of(TokenUsage.of("gpt-4o", 1200, 345), new TokenUsage("claude", null, 7),
                new TokenUsage(null, 0, null), new TokenUsage("big", Integer.MAX_VALUE, Integer.MAX_VALUE));
        for (TokenUsage usage : usages) {
            Message m = append(alice(), c.id(), NewMessage.assistant("reply").usage(usage));
            assertThat(m.usage()).as("returned %s", usage).isEqualTo(usage);
            assertThat(reloadMessage(alice(), m.id()).usage()).as("read back %s", usage).isEqualTo(usage);
        }
    }

    /**
     * A tool message keeps its tool call id, and the assistant's tool calls in metadata round-trip exactly: look at
     * the tool_call_id column and the metadata JSON.
     */
    @Test
    default void toolMessagesKeepTheirToolCallId() {
        Conversation c = newConversation(alice());
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", "call_abc123");
        call.put("type", "function");
        call.put("function", Map.of("name", "get_weather", "arguments", "{\"city\":\"Zürich\"}"));
        Message asking = append(alice(), c.id(), NewMessage.assistant("").metadata(Map.of("tool_calls", List.of(call))));
        Message result = append(alice(), c.id(), NewMessage.tool("call_abc123", "{\"temp\": 21.5}"));
        assertThat(result).extracting(Message::role, Message::toolCallId, Message::content).as("the tool result")
                .containsExactly(Role.TOOL, "call_abc123", "{\"temp\": 21.5}");
        assertThat(reloadMessage(alice(), result.id())).as("read back").isEqualTo(result);
        assertThat(reloadMessage(alice(), asking.id()).metadata()).as("the tool calls, exactly")
                .isEqualTo(Map.of("tool_calls", List.of(call)));
        assertThat(reloadMessage(alice(), asking.id()).toolCallId()).as("no tool call id on the assistant message").isNull();
    }

    /**
     * AI metadata (tone, behaviour, confidence, persona, tool calls, nested scores) round-trips exactly, with its
     * number types: look at the metadata JSON (de)serialization.
     */
    @Test
    default void aiMetadataRoundTripsExactly() {
        Conversation c = newConversation(alice());
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("tone", "empathetic");
        ai.put("behaviour", Map.of("verbosity", "low", "formality", 0.25));
        ai.put("confidence", 0.87);
        ai.put("persona", "tutor");
        ai.put("latencyMs", 1534);
        ai.put("tokensPerSecond", 48.5);
        ai.put("tool_calls", List.of(Map.of("id", "call_1", "name", "search", "arguments", Map.of("q", "monads", "k", 3))));
        ai.put("safety", Map.of("flagged", false, "categories", List.of()));
        Message m = append(alice(), c.id(), NewMessage.assistant("answer").metadata(ai)
                .usage(TokenUsage.of("gpt-4o", 10, 20)));
        Message read = reloadMessage(alice(), m.id());
        assertThat(read.metadata()).as("the AI metadata, exactly").isEqualTo(ai);
        assertThat(read.metadata().get("confidence")).as("a decimal stays a Double").isInstanceOf(Double.class);
        assertThat(read.metadata().get("latencyMs")).as("an integer stays an Integer").isInstanceOf(Integer.class);
    }

    /**
     * A replay compares type, media, usage and tool call id too: the same payload replays, a different one conflicts
     * and stores nothing. Look at the payload fingerprint.
     */
    @Test
    default void replaysCompareTheNewFieldsToo() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        NewMessage original = NewMessage.user("pic").clientMessageId("k1").type(MessageType.IMAGE)
                .media(Media.refs("s3://a.png")).usage(TokenUsage.of("m", 1, 2));
        Message stored = append(alice, c.id(), original);
        Appended replay = alice.messages().append(c.id(), NewMessage.user("pic").clientMessageId("k1")
                .type(MessageType.IMAGE).media(Media.refs("s3://a.png")).usage(TokenUsage.of("m", 1, 2)));
        assertThat(replay.replayed()).as("the same payload replays").isTrue();
        assertThat(replay.message()).as("the original").isEqualTo(stored);
        List<NewMessage> conflicting = List.of(
                original.type(MessageType.MULTIMODAL),
                original.media(Media.refs("s3://b.png")),
                original.media(Media.refs("s3://a.png", "s3://b.png")),
                original.media(new Media(List.of("s3://a.png"), "s3://a.ogg", 1L)),
                original.usage(TokenUsage.of("m", 1, 3)),
                original.usage(TokenUsage.of("other", 1, 2)),
                original.usage(TokenUsage.NONE));
        for (NewMessage n : conflicting) {
            assertThat(catchThrowable(() -> alice.messages().append(c.id(), n))).as("a replay with %s", n)
                    .isInstanceOf(IdempotencyConflictException.class);
        }
        Message tool = append(alice, c.id(), NewMessage.tool("call-1", "out").clientMessageId("k2"));
        assertThat(alice.messages().append(c.id(), NewMessage.tool("call-1", "out").clientMessageId("k2")).message())
                .as("a tool replay").isEqualTo(tool);
        assertThat(catchThrowable(() -> alice.messages().append(c.id(), NewMessage.tool("call-2", "out").clientMessageId("k2"))))
                .as("a replay with another tool call id").isInstanceOf(IdempotencyConflictException.class);
        assertThat(reload(alice, c.id()).messageCount()).as("two messages stored").isEqualTo(2);
    }

    /**
     * tokenTotals sums the known counts of every message, unknown counts adding nothing, and follows deletes: look at
     * the SUM and its NULL handling.
     */
    @Test
    default void tokenTotalsSumTheKnownCounts() {
        Conversation c = newConversation(alice());
        assertThat(alice().conversations().tokenTotals(c.id())).as("an empty conversation").isEqualTo(TokenTotals.ZERO);
        say(alice(), c.id(), "no usage");
        append(alice(), c.id(), NewMessage.assistant("a").usage(TokenUsage.of("m", 100, 20)));
        append(alice(), c.id(), NewMessage.assistant("b").usage(new TokenUsage("m", 5, null)));
        Message last = append(alice(), c.id(), NewMessage.assistant("c").usage(new TokenUsage(null, null, 7)));
        TokenTotals totals = alice().conversations().tokenTotals(c.id());
        assertThat(totals).as("summed").isEqualTo(new TokenTotals(105, 27));
        assertThat(totals.total()).as("total").isEqualTo(132);
        alice().messages().delete(last.id());
        assertThat(alice().conversations().tokenTotals(c.id())).as("after a delete").isEqualTo(new TokenTotals(105, 20));
        Conversation other = newConversation(alice());
        append(alice(), other.id(), NewMessage.assistant("x").usage(TokenUsage.of("m", 1_000_000, 1)));
        assertThat(alice().conversations().tokenTotals(c.id())).as("another conversation's tokens do not count")
                .isEqualTo(new TokenTotals(105, 20));
    }

    /**
     * Totals beyond the int range add up as longs: look at the SUM's type and the mapper.
     */
    @Test
    default void tokenTotalsDoNotOverflow() {
        Conversation c = newConversation(alice());
        alice().messages().appendAll(c.id(), List.of(
                NewMessage.assistant("1").usage(TokenUsage.of("m", Integer.MAX_VALUE, Integer.MAX_VALUE)),
                NewMessage.assistant("2").usage(TokenUsage.of("m", Integer.MAX_VALUE, 1)),
                NewMessage.assistant("3").usage(TokenUsage.of("m", 2, 0))));
        assertThat(alice().conversations().tokenTotals(c.id())).as("summed as longs")
                .isEqualTo(new TokenTotals(2L * Integer.MAX_VALUE + 2, Integer.MAX_VALUE + 1L));
    }
}
