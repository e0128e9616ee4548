package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** NewMessage checks every field when built, so a store never sees a bad one. */
class NewMessageTest {

    @Test
    void contentMayBeEmptyButNotTooLongOrUnstorable() {
        assertThat(NewMessage.user("").content()).as("empty content").isEmpty();
        assertThat(NewMessage.user("   ").content()).as("blank content, kept").isEqualTo("   ");
        expectInvalid("content", () -> NewMessage.user(null));
        expectInvalid("content", () -> NewMessage.user("nul\0"));
        expectInvalid("content", () -> NewMessage.user("lone \uD800"));
        expectInvalid("content", () -> NewMessage.user("x".repeat(Limits.CONTENT_MAX + 1)));
        assertThat(NewMessage.user("x".repeat(Limits.CONTENT_MAX)).content()).as("content at the maximum")
                .hasSize(Limits.CONTENT_MAX);
    }

    @Test
    void roleIsRequired() {
        expectInvalid("role", () -> NewMessage.of(null, "x"));
    }

    @Test
    void clientMessageIdIsNonBlankStorableTextWithinItsLimit() {
        expectInvalid("clientMessageId", () -> NewMessage.user("x").clientMessageId(" "));
        expectInvalid("clientMessageId", () -> NewMessage.user("x").clientMessageId(null));
        expectInvalid("clientMessageId", () -> NewMessage.user("x").clientMessageId("k\0"));
        expectInvalid("clientMessageId", () -> NewMessage.user("x").clientMessageId("k".repeat(Limits.CLIENT_MESSAGE_ID_MAX + 1)));
    }

    @Test
    void replyToAndAttachmentsAreIds() {
        expectInvalid("replyTo", () -> NewMessage.user("x").replyTo("not-an-id"));
        expectInvalid("replyTo", () -> NewMessage.user("x").replyTo(UUID.randomUUID().toString().toUpperCase()));
        expectInvalid("attachmentIds", () -> NewMessage.user("x").attachments("not-an-id"));
        expectInvalid("attachmentIds", () -> NewMessage.user("x").attachments((String) null));
    }

    @Test
    void attachmentsAreDistinctAndAtMostTheMaximum() {
        String id = UUID.randomUUID().toString();
        assertThat(NewMessage.user("x").attachments(id, id).attachmentIds()).as("a repeated id counts once")
                .containsExactly(id);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Limits.ATTACHMENTS_PER_MESSAGE_MAX; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        assertThat(NewMessage.user("x").attachments(ids.toArray(String[]::new)).attachmentIds()).as("the maximum")
                .hasSize(Limits.ATTACHMENTS_PER_MESSAGE_MAX);
        ids.add(UUID.randomUUID().toString());
        expectInvalid("attachmentIds", () -> NewMessage.user("x").attachments(ids.toArray(String[]::new)));
    }

    @Test
    void aToolCallIdBelongsToToolMessagesOnly() {
        assertThat(NewMessage.tool("call-1", "out").toolCallId()).isEqualTo("call-1");
        expectInvalid("toolCallId", () -> new NewMessage(Role.ASSISTANT, "x", null, null, Map.of(), List.of(), null, null,
                null, "call-1"));
        expectInvalid("toolCallId", () -> NewMessage.tool(" ", "x"));
        expectInvalid("toolCallId", () -> NewMessage.tool(null, "x"));
    }

    @Test
    void toolCallsAndReasoningBelongToAssistantMessagesAndToolNamesToToolMessages() {
        ToolCall weather = ToolCall.of("call-1", "get_weather", "{\"city\":\"Lisbon\"}");
        NewMessage asks = NewMessage.assistant("").toolCalls(weather, ToolCall.of("call-2", "get_time", ""))
                .reasoning("The user wants the weather.");
        assertThat(asks.toolCalls()).extracting(ToolCall::id).containsExactly("call-1", "call-2");
        assertThat(asks.reasoning()).isEqualTo("The user wants the weather.");
        assertThat(NewMessage.tool("call-1", "get_weather", "21°C").toolName()).isEqualTo("get_weather");
        assertThat(NewMessage.user("x").toolCalls()).as("none by default").isEmpty();

        expectInvalid("toolCalls", () -> NewMessage.user("x").toolCalls(weather));
        expectInvalid("toolCalls", () -> NewMessage.assistant("x").toolCalls(weather, ToolCall.of("call-1", "again", "")));
        expectInvalid("toolCalls", () -> NewMessage.assistant("x").toolCalls(Arrays.asList(weather, null)));
        expectInvalid("toolCalls", () -> NewMessage.assistant("x").toolCalls((List<ToolCall>) null));
        expectInvalid("reasoning", () -> NewMessage.user("x").reasoning("hmm"));
        expectInvalid("toolName", () -> new NewMessage(Role.ASSISTANT, "x", null, null, Map.of(), List.of(), null, null,
                null, null, List.of(), "get_weather", null));
        expectInvalid("toolName", () -> NewMessage.tool("call-1", " ", "x"));
        List<ToolCall> tooMany = new ArrayList<>();
        for (int i = 0; i <= Limits.TOOL_CALLS_PER_MESSAGE_MAX; i++) {
            tooMany.add(ToolCall.of("call-" + i, "t", ""));
        }
        expectInvalid("toolCalls", () -> NewMessage.assistant("x").toolCalls(tooMany));
    }

    @Test
    void aToolCallNamesItsIdAndToolAndKeepsItsArgumentsAsWritten() {
        assertThat(ToolCall.of("c", "t", "not json {").arguments()).isEqualTo("not json {");
        expectInvalid("id", () -> ToolCall.of(" ", "t", ""));
        expectInvalid("id", () -> ToolCall.of("c".repeat(Limits.TOOL_CALL_ID_MAX + 1), "t", ""));
        expectInvalid("name", () -> ToolCall.of("c", null, ""));
        expectInvalid("name", () -> ToolCall.of("c", "t".repeat(Limits.TOOL_NAME_MAX + 1), ""));
        expectInvalid("arguments", () -> ToolCall.of("c", "t", null));
        expectInvalid("arguments", () -> ToolCall.of("c", "t", "\u0000"));
    }

    @Test
    void missingDetailsGetTheirNoneValues() {
        NewMessage m = new NewMessage(Role.USER, "x", null, null, null, null, null, null, null, null);
        assertThat(m.metadata()).as("metadata").isEmpty();
        assertThat(m.attachmentIds()).as("attachments").isEmpty();
        assertThat(m.type()).as("type").isEqualTo(MessageType.TEXT);
        assertThat(m.media()).as("media").isEqualTo(Media.NONE);
        assertThat(m.usage()).as("usage").isEqualTo(TokenUsage.NONE);
        expectInvalid("type", () -> NewMessage.user("x").type(null));
        expectInvalid("media", () -> NewMessage.user("x").media(null));
        expectInvalid("usage", () -> NewMessage.user("x").usage(null));
    }

    @Test
    void metadataIsCheckedAndCopied() {
        expectInvalid("metadata", () -> NewMessage.user("x").metadata(Map.of("n", Double.NaN)));
        Map<String, Object> given = new HashMap<>(Map.of("k", 1L));
        NewMessage m = NewMessage.user("x").metadata(given);
        given.put("later", true);
        assertThat(m.metadata()).as("a copy, with numbers as JSON gives them back").isEqualTo(Map.of("k", 1));
        assertThatThrownBy(() -> m.metadata().put("x", 1)).as("unmodifiable").isInstanceOf(UnsupportedOperationException.class);
    }
}
