package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.Limits;
import dev.chatstore.Media;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.TokenUsage;
import dev.chatstore.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a message holds, stored and read back exactly: its content, role, type, media references
 * and audio clip, model and token counts, tool call id and free AI metadata, each up to its limit.
 */
public interface MessageContentRules extends StoreFixture {

    /**
     * Empty, blank and unicode content round-trips exactly: look at trimming, empty-string-as-NULL and the column's
     * encoding.
     */
    @Test
    default void contentMayBeEmptyAndRoundTripsUnicodeExactly() {
        Conversation c = newConversation(alice());
        for (String content : List.of("", "   ", Samples.UNICODE, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \r\n end")) {
            Message m = say(alice(), c.id(), content);
            assertThat(reloadMessage(alice(), m.id()).content()).as("content %s round-trips", content).isEqualTo(content);
        }
    }

    /**
     * An LLM turn round-trips: an assistant message's tool calls (in order, arguments exactly as written) and
     * reasoning, and the tool results with their call ids and tool names, on every read path and in the export.
     * Look at the tool_calls, tool_name and reasoning columns and the message mapping.
     */
    @Test
    default void toolCallsReasoningAndToolResultsRoundTrip() {
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "What's the weather in Lisbon, and the time?");
        Message asks = append(alice(), c.id(), NewMessage.assistant("").reasoning("Two tools are needed.")
                .toolCalls(ToolCall.of("call_1", "get_weather", "{\"city\": \"Lisbon\", \"unit\": \"C\"}"),
                        ToolCall.of("call_2", "get_time", "")));
        Message weather = append(alice(), c.id(), NewMessage.tool("call_1", "get_weather", "21°C, sunny"));
        Message time = append(alice(), c.id(), NewMessage.tool("call_2", "12:00"));
        Message answer = say(alice(), c.id(), "It is 21°C and sunny at noon.");

        assertThat(asks.toolCalls()).extracting(ToolCall::id, ToolCall::name, ToolCall::arguments).containsExactly(
                org.assertj.core.groups.Tuple.tuple("call_1", "get_weather", "{\"city\": \"Lisbon\", \"unit\": \"C\"}"),
                org.assertj.core.groups.Tuple.tuple("call_2", "get_time", ""));
        assertThat(reloadMessage(alice(), asks.id())).as("get").isEqualTo(asks);
        assertThat(reloadMessage(alice(), weather.id()).toolName()).isEqualTo("get_weather");
        assertThat(reloadMessage(alice(), time.id()).toolName()).as("no tool name given").isNull();
        assertThat(reloadMessage(alice(), answer.id()).toolCalls()).as("none").isEmpty();
        assertThat(alice().messages().oldestFirst(c.id(), dev.chatstore.PageRequest.first()).items())
                .as("a page").containsSubsequence(asks, weather, time, answer);
        assertThat(alice().messages().branch(c.id(), dev.chatstore.PageRequest.first()).items())
                .as("the branch").containsSubsequence(answer, time, weather, asks);
        List<Map<String, Object>> exported = ExportedLines.of(alice()).records().stream()
                .filter(r -> asks.id().equals(r.get("id"))).toList();
        assertThat(exported).singleElement().satisfies(r -> {
            assertThat(r.get("reasoning")).isEqualTo("Two tools are needed.");
            assertThat(String.valueOf(r.get("toolCalls"))).contains("call_1", "get_weather", "call_2", "get_time");
        });
    }

    /**
     * A message says which attachments it has (ids in ascending order) on every read, without a query per
     * message; a message without any has none. Look at the attachment ids column of the message column list.
     */
    @Test
    default void aMessageListsItsAttachmentIds() {
        Conversation c = newConversation(alice());
        dev.chatstore.Attachment a = storedFile(alice(), "a.pdf");
        dev.chatstore.Attachment b = storedFile(alice(), "b.pdf");
        Message with = append(alice(), c.id(), NewMessage.user("files").attachments(b.id(), a.id()));
        Message without = say(alice(), c.id(), "none");
        List<String> sorted = java.util.stream.Stream.of(a.id(), b.id()).sorted().toList();
        assertThat(with.attachmentIds()).as("as appended").containsExactlyElementsOf(sorted);
        assertThat(reloadMessage(alice(), with.id()).attachmentIds()).as("get").containsExactlyElementsOf(sorted);
        assertThat(alice().messages().newestFirst(c.id(), dev.chatstore.PageRequest.first()).items())
                .as("a page").extracting(Message::attachmentIds).containsExactly(List.of(), sorted);
        assertThat(reloadMessage(alice(), without.id()).attachmentIds()).isEmpty();
    }

    /** Every role is stored under its wire name: look at the role column and its mapping. */
    @Test
    default void everyRoleRoundTrips() {
        Conversation c = newConversation(alice());
        for (Role role : Role.values()) {
            Message m = append(alice(), c.id(), NewMessage.of(role, role.wireName()));
            assertThat(reloadMessage(alice(), m.id()).role()).as("role %s round-trips", role).isEqualTo(role);
            assertThat(Role.parse(role.wireName())).as("wire name of %s parses back", role).isEqualTo(role);
        }
    }

    /** Message metadata round-trips with the same Java types: look at the JSON (de)serialization of the metadata column. */
    @Test
    default void messageMetadataRoundTripsEveryJsonValueKindExactly() {
        Conversation c = newConversation(alice());
        Message m = append(alice(), c.id(), NewMessage.assistant("x").metadata(Samples.richMetadata()));
        assertThat(m.metadata()).as("returned metadata").isEqualTo(Samples.richMetadata());
        assertThat(reloadMessage(alice(), m.id()).metadata()).as("stored metadata").isEqualTo(Samples.richMetadata());
    }

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

    /** Content of 1,000,000 chars round-trips: look at the content column's type and any driver size limit. */
    @Test
    default void contentAtTheMaximumLengthRoundTrips() {
        Conversation c = newConversation(alice());
        String content = Samples.wide(Limits.CONTENT_MAX);
        Message m = say(alice(), c.id(), content);
        assertThat(reloadMessage(alice(), m.id()).content()).as("content at %d chars", Limits.CONTENT_MAX).isEqualTo(content);
    }

    /**
     * A client message id, tool call id, usage model name and media references at their maximum lengths, in
     * multi-byte text, round-trip: look at the column sizes, and whether they count chars or bytes.
     */
    @Test
    default void messageTextFieldsAtTheirMaximumLengthsRoundTrip() {
        Conversation c = newConversation(alice());
        String key = Samples.wide(Limits.CLIENT_MESSAGE_ID_MAX);
        Message keyed = append(alice(), c.id(), NewMessage.user("x").clientMessageId(key));
        assertThat(alice().messages().byClientMessageId(c.id(), key)).as("client message id at %d chars",
                Limits.CLIENT_MESSAGE_ID_MAX).contains(keyed);
        String uri = "s3://" + "中".repeat(Limits.STORAGE_URI_MAX - 5);
        Message tool = append(alice(), c.id(), NewMessage.tool(Samples.wide(Limits.TOOL_CALL_ID_MAX), "result")
                .usage(new TokenUsage(Samples.wide(Limits.MODEL_NAME_MAX), 1, 1)).type(MessageType.MULTIMODAL)
                .media(new Media(List.of(uri), uri, 1L)));
        assertThat(reloadMessage(alice(), tool.id())).as("tool call id, usage model and media at their maximums")
                .isEqualTo(tool);
        assertThat(tool.toolCallId()).as("the tool call id as given").isEqualTo(Samples.wide(Limits.TOOL_CALL_ID_MAX));
    }
}
