package dev.chatstore.langchain4j;

import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.Messages;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.UserChats;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A LangChain4j {@link ChatMemoryStore} that keeps each chat memory in a chatstore conversation.
 *
 * <p><b>Mapping.</b> A memory id (of any type) names the conversation whose external key is
 * {@code String.valueOf(memoryId)}, of the user the {@linkplain Builder#userResolver user resolver}
 * gives for it; the conversation is created on the first non-empty update. Each LangChain4j
 * message becomes one chatstore message with chatstore's own fields filled, so chatstore's API shows
 * a readable history: {@link SystemMessage} → system; {@link UserMessage} → user, content the text
 * parts; {@link AiMessage} → assistant, content its text, {@link NewMessage#reasoning} its thinking,
 * {@link ToolCall}s its tool execution requests; {@link ToolExecutionResultMessage} → tool, with
 * tool call id, tool name and text; {@link CustomMessage} → user with empty content. When those fields
 * alone do not rebuild an equal LangChain4j message (a user name, images, audio, video, PDFs,
 * attributes, an error flag, …), the message's exact LangChain4j JSON
 * ({@link ChatMessageSerializer}) is kept in the chatstore message's metadata under
 * {@value #MESSAGE_KEY} and is what {@link #getMessages} returns; such JSON must fit in
 * {@link Limits#METADATA_MAX} chars, else the update fails with
 * {@link dev.chatstore.InvalidInputException} and stores nothing.
 *
 * <p><b>History and window.</b> LangChain4j's chat memories call {@link #updateMessages} with the
 * whole current window on every turn and drop old messages from it. This store never deletes
 * history: it appends only the messages that are new, and records which stored messages make up the
 * window in the conversation's metadata under {@value #WINDOW_KEY}, as ascending
 * {@code [fromSeq, toSeq]} ranges of message sequence numbers (usually one range, or two when a
 * system message is kept first while later messages are evicted). {@link #getMessages} returns
 * exactly the window last saved; the whole conversation stays readable through chatstore's
 * {@link Messages#oldestFirst}. A conversation without that key (e.g. written through chatstore's
 * API) has all its messages as its window.
 *
 * <p><b>Cost.</b> An update reads the current window once and appends only what is new, in one
 * {@link Messages#appendAll} transaction (per {@link Limits#BATCH_MAX} messages); the stored messages of
 * the new list are matched in order against the window, so a list that drops messages from the
 * window, keeps a system message first or replaces the memory altogether needs no rewrite.
 *
 * <p><b>Thread-safety.</b> Thread-safe as far as the {@link ChatStore} is. Each update's new messages
 * are appended atomically (all or none), and the window record is written after them with an atomic
 * metadata patch; the two are separate transactions. Updates of <em>different</em> memory ids never
 * interfere. Concurrent updates of the <em>same</em> memory id (which LangChain4j's chat memories
 * do not make for one memory instance) lose no message, but each may append its own copy of the
 * new messages and the window is the one written last; serialize them per memory id if that matters.
 * Should the process stop between the append and the window write, the appended messages stay in
 * the history and the next update appends the still-missing ones again.
 */
public final class ChatstoreChatMemoryStore implements ChatMemoryStore {
    /** Conversation metadata key: the window as a list of {@code [fromSeq, toSeq]} ranges. */
    public static final String WINDOW_KEY = "langchain4j.window";
    /** Message metadata key: the message's LangChain4j JSON, when chatstore's fields cannot rebuild it. */
    public static final String MESSAGE_KEY = "langchain4j.message";

    private static final int PAGE = Limits.MESSAGES_PAGE_MAX;

    private final ChatStore store;
    private final Function<Object, String> userResolver;

    private ChatstoreChatMemoryStore(ChatStore store, Function<Object, String> userResolver) {
        this.store = store;
        this.userResolver = userResolver;
    }

    /** A builder for a memory store on {@code store}; name the user with {@code userId} or {@code userResolver}. */
    public static Builder builder(ChatStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    /** Builds a {@link ChatstoreChatMemoryStore}. */
    public static final class Builder {
        private final ChatStore store;
        private Function<Object, String> userResolver;

        private Builder(ChatStore store) {
            this.store = store;
        }

        /** Every memory id belongs to the user {@code userId}. */
        public Builder userId(String userId) {
            Objects.requireNonNull(userId, "userId");
            this.userResolver = memoryId -> userId;
            return this;
        }

        /** The user a memory id belongs to (a non-blank chatstore user id), e.g. taken from a composite memory id. */
        public Builder userResolver(Function<Object, String> userResolver) {
            this.userResolver = Objects.requireNonNull(userResolver, "userResolver");
            return this;
        }

        /** @throws IllegalStateException if neither a user id nor a user resolver was given */
        public ChatstoreChatMemoryStore build() {
            if (userResolver == null) {
                throw new IllegalStateException("a userId or a userResolver is required");
            }
            return new ChatstoreChatMemoryStore(store, userResolver);
        }
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        UserChats chats = chats(memoryId);
        Optional<Conversation> conversation = chats.conversations().findByExternalKey(key(memoryId));
        if (conversation.isEmpty()) {
            return new ArrayList<>();
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (Stored stored : readWindow(chats.messages(), conversation.get())) {
            messages.add(stored.message());
        }
        return messages;
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        UserChats chats = chats(memoryId);
        String key = key(memoryId);
        Conversation conversation = messages.isEmpty()
                ? chats.conversations().findByExternalKey(key).orElse(null)
                : chats.conversations().getOrCreateByExternalKey(key, NewConversation.untitled());
        if (conversation == null) {
            return;
        }
        List<Stored> window = readWindow(chats.messages(), conversation);

        // A chat memory sends the window less what it evicted from the start (a system message may
        // stay first), then the new messages: the least eviction that explains the list is kept.
        // Else the longest prefix of the new list found, in order, in the stored window is kept as is.
        List<Long> seqs = new ArrayList<>();
        int kept = keptSuffix(window, messages, seqs);
        boolean inOrder = kept == 0;
        int next = 0;
        for (; inOrder && kept < messages.size(); kept++) {
            ChatMessage message = Objects.requireNonNull(messages.get(kept), "message");
            int at = next;
            while (at < window.size() && !window.get(at).message().equals(message)) {
                at++;
            }
            if (at == window.size()) {
                break;
            }
            seqs.add(window.get(at).seq());
            next = at + 1;
        }

        List<NewMessage> added = new ArrayList<>();
        for (ChatMessage message : messages.subList(kept, messages.size())) {
            added.add(toNewMessage(Objects.requireNonNull(message, "message")));
        }
        for (int from = 0; from < added.size(); from += Limits.BATCH_MAX) {
            List<NewMessage> batch = added.subList(from, Math.min(added.size(), from + Limits.BATCH_MAX));
            for (Appended appended : chats.messages().appendAll(conversation.id(), batch)) {
                seqs.add(appended.message().seq());
            }
        }

        List<List<Long>> ranges = ranges(seqs);
        if (!ranges.equals(storedRanges(conversation))) {
            chats.conversations().patchMetadata(conversation.id(), Map.of(WINDOW_KEY, ranges));
        }
    }

    /** Deletes the memory's conversation, its whole history included. */
    @Override
    public void deleteMessages(Object memoryId) {
        UserChats chats = chats(memoryId);
        chats.conversations().findByExternalKey(key(memoryId))
                .ifPresent(conversation -> chats.conversations().delete(conversation.id()));
    }

    private UserChats chats(Object memoryId) {
        Objects.requireNonNull(memoryId, "memoryId");
        return store.forUser(userResolver.apply(memoryId));
    }

    private static String key(Object memoryId) {
        return String.valueOf(memoryId);
    }

    private record Stored(long seq, ChatMessage message) {
    }

    /**
     * How many messages at the start of {@code messages} are the window less some messages evicted
     * from its start (a system message first may stay), fewest evicted first; their sequence numbers
     * go to {@code seqs}. 0 if the list does not start so.
     */
    private static int keptSuffix(List<Stored> window, List<ChatMessage> messages, List<Long> seqs) {
        boolean systemKept = !window.isEmpty() && !messages.isEmpty()
                && messages.get(0) instanceof SystemMessage && messages.get(0).equals(window.get(0).message());
        for (int from = 0; from < window.size(); from++) {
            int length = window.size() - from;
            for (int head = 0; head <= (systemKept && from > 0 ? 1 : 0); head++) {
                boolean same = head + length <= messages.size();
                for (int i = 0; same && i < length; i++) {
                    same = window.get(from + i).message().equals(messages.get(head + i));
                }
                if (same) {
                    if (head == 1) {
                        seqs.add(window.get(0).seq());
                    }
                    for (int i = 0; i < length; i++) {
                        seqs.add(window.get(from + i).seq());
                    }
                    return head + length;
                }
            }
        }
        return 0;
    }

    /** The window's stored messages, oldest first. */
    private static List<Stored> readWindow(Messages messages, Conversation conversation) {
        List<Stored> window = new ArrayList<>();
        List<List<Long>> ranges = storedRanges(conversation);
        if (ranges == null) {
            readRange(messages, conversation.id(), 1, Long.MAX_VALUE, window);
        } else {
            for (List<Long> range : ranges) {
                readRange(messages, conversation.id(), range.get(0), range.get(1), window);
            }
        }
        return window;
    }

    private static void readRange(Messages messages, String conversationId, long from, long to, List<Stored> out) {
        int limit = to - from >= PAGE ? PAGE : (int) (to - from + 1);
        Page<Message> page = messages.after(conversationId, from - 1, limit);
        while (true) {
            for (Message message : page.items()) {
                if (message.seq() > to) {
                    return;
                }
                ChatMessage chatMessage = toChatMessage(message);
                if (chatMessage != null) {
                    out.add(new Stored(message.seq(), chatMessage));
                }
            }
            if (!page.hasNext()) {
                return;
            }
            page = messages.oldestFirst(conversationId, PageRequest.at(page.nextCursor(), PAGE));
        }
    }

    /** The recorded window ranges, or null when the conversation has none (its window is all of it). */
    private static List<List<Long>> storedRanges(Conversation conversation) {
        Object value = conversation.metadata().get(WINDOW_KEY);
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<List<Long>> ranges = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof List<?> pair && pair.size() == 2
                    && pair.get(0) instanceof Number from && pair.get(1) instanceof Number to) {
                ranges.add(List.of(from.longValue(), to.longValue()));
            }
        }
        return ranges;
    }

    /** Ascending sequence numbers as {@code [from, to]} ranges of consecutive numbers. */
    private static List<List<Long>> ranges(List<Long> seqs) {
        List<List<Long>> ranges = new ArrayList<>();
        int i = 0;
        while (i < seqs.size()) {
            long from = seqs.get(i);
            long to = from;
            while (i + 1 < seqs.size() && seqs.get(i + 1) == to + 1) {
                to = seqs.get(++i);
            }
            ranges.add(List.of(from, to));
            i++;
        }
        return ranges;
    }

    // ---- message mapping ----

    static NewMessage toNewMessage(ChatMessage message) {
        NewMessage stored;
        if (message instanceof SystemMessage system) {
            stored = NewMessage.system(system.text());
        } else if (message instanceof UserMessage user) {
            stored = NewMessage.user(text(user.contents()));
        } else if (message instanceof AiMessage ai) {
            stored = NewMessage.assistant(ai.text() == null ? "" : ai.text());
            List<ToolCall> calls = toolCalls(ai.toolExecutionRequests());
            if (!calls.isEmpty()) {
                stored = stored.toolCalls(calls.toArray(ToolCall[]::new));
            }
            if (ai.thinking() != null) {
                stored = stored.reasoning(ai.thinking());
            }
        } else if (message instanceof ToolExecutionResultMessage result) {
            stored = new NewMessage(Role.TOOL, text(result.contents()), null, null, Map.of(), List.of(), null, null,
                    null, blankToNull(result.id()), null, blankToNull(result.toolName()), null);
        } else {
            stored = NewMessage.user("");
        }
        if (!message.equals(fromFields(stored.role(), stored.content(), stored.toolCalls(), stored.toolCallId(),
                stored.toolName(), stored.reasoning()))) {
            stored = stored.metadata(Map.of(MESSAGE_KEY, ChatMessageSerializer.messageToJson(message)));
        }
        return stored;
    }

    /** The LangChain4j message, or null for one LangChain4j cannot hold (a blank system message written through chatstore). */
    static ChatMessage toChatMessage(Message message) {
        if (message.metadata().get(MESSAGE_KEY) instanceof String json) {
            return ChatMessageDeserializer.messageFromJson(json);
        }
        return fromFields(message.role(), message.content(), message.toolCalls(), message.toolCallId(),
                message.toolName(), message.reasoning());
    }

    /** The LangChain4j message chatstore's fields describe, or null if LangChain4j rejects them (e.g. blank text). */
    private static ChatMessage fromFields(Role role, String content, List<ToolCall> toolCalls, String toolCallId,
                                          String toolName, String reasoning) {
        try {
            return build(role, content, toolCalls, toolCallId, toolName, reasoning);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ChatMessage build(Role role, String content, List<ToolCall> toolCalls, String toolCallId,
                                     String toolName, String reasoning) {
        switch (role) {
            case SYSTEM:
                return SystemMessage.from(content);
            case USER:
                return UserMessage.from(content);
            case ASSISTANT:
                List<ToolExecutionRequest> requests = toolCalls.stream()
                        .map(call -> ToolExecutionRequest.builder()
                                .id(call.id()).name(call.name()).arguments(call.arguments()).build())
                        .collect(Collectors.toList());
                return AiMessage.builder()
                        .text(content.isEmpty() && !requests.isEmpty() ? null : content)
                        .thinking(reasoning)
                        .toolExecutionRequests(requests)
                        .build();
            case TOOL:
                return ToolExecutionResultMessage.from(toolCallId, toolName, content);
            default:
                throw new IllegalStateException("unknown role " + role);
        }
    }

    /** The text parts of a message, joined by new lines. */
    private static String text(List<Content> contents) {
        return contents.stream()
                .filter(TextContent.class::isInstance)
                .map(content -> ((TextContent) content).text())
                .collect(Collectors.joining("\n"));
    }

    /** The requests as chatstore tool calls, or none when chatstore cannot hold them (then the JSON keeps them). */
    private static List<ToolCall> toolCalls(List<ToolExecutionRequest> requests) {
        List<ToolCall> calls = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ToolExecutionRequest request : requests) {
            if (isBlank(request.id()) || isBlank(request.name()) || !ids.add(request.id())
                    || request.id().length() > Limits.TOOL_CALL_ID_MAX || request.name().length() > Limits.TOOL_NAME_MAX) {
                return List.of();
            }
            calls.add(ToolCall.of(request.id(), request.name(), request.arguments() == null ? "" : request.arguments()));
        }
        return calls.size() > Limits.TOOL_CALLS_PER_MESSAGE_MAX ? List.of() : calls;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return isBlank(text) || text.length() > Limits.TOOL_NAME_MAX ? null : text;
    }
}
