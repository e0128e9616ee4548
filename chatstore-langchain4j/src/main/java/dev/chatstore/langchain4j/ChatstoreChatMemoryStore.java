package dev.chatstore.langchain4j;

import dev.chatstore.AppendOptions;
import dev.chatstore.AppendOutcome;
import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.Messages;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p><b>Cost.</b> The store keeps the windows it read or wrote last in memory
 * ({@link Builder#cacheSize}), each valid while its conversation's {@link Conversation#revision} is
 * unchanged: {@link #getMessages} then costs one indexed read of the conversation row, and
 * {@link #updateMessages} one transaction appending only the new messages (it checks the revision
 * itself, so nothing is read first), never a rewrite of the window.
 *
 * <p><b>Which messages are new.</b> A message instance {@link #getMessages} returned (LangChain4j's
 * memories pass them back) is that stored message: when the list starts with such instances, in
 * order, they are kept and every message after them is new, even one equal to a stored message.
 * Otherwise (after a restart, on another node, for a list the caller built) the list is compared by
 * value with the stored window: the window less the fewest messages evicted from its start (a
 * system message may stay first), then new messages; failing that, the longest prefix found in
 * order in the window is kept. (By value, a list whose every message was evicted and replaced by
 * equal new ones cannot be told from the window itself.)
 *
 * <p><b>Thread-safety and atomicity.</b> Thread-safe as far as the {@link ChatStore} is. An update's
 * new messages and the window record are written in one transaction, only if the conversation is
 * still at the revision the update read ({@link dev.chatstore.AppendOptions#ifRevision}); when another
 * writer got there first (another node, or two updates of one memory id at once), the update reads
 * again and retries, so each message is stored once and the window is never half-written. (Updates
 * of more than {@link Limits#BATCH_MAX} new messages take one transaction per batch.)
 */
public final class ChatstoreChatMemoryStore implements ChatMemoryStore {
    /** Conversation metadata key: the window as a list of {@code [fromSeq, toSeq]} ranges. */
    public static final String WINDOW_KEY = "langchain4j.window";
    /** Message metadata key: the message's LangChain4j JSON, when chatstore's fields cannot rebuild it. */
    public static final String MESSAGE_KEY = "langchain4j.message";

    /** How many windows {@link Builder#cacheSize} keeps by default. */
    public static final int DEFAULT_CACHE_SIZE = 1_000;

    private static final int PAGE = Limits.MESSAGES_PAGE_MAX;
    /** Writers racing on one memory id each retry; this many lost races in a row is an error. */
    private static final int MAX_ATTEMPTS = 30;

    private final ChatStore store;
    private final Function<Object, String> userResolver;
    private final RecentWindows<Window> windows;

    private ChatstoreChatMemoryStore(ChatStore store, Function<Object, String> userResolver, int cacheSize) {
        this.store = store;
        this.userResolver = userResolver;
        this.windows = new RecentWindows<>(cacheSize);
    }

    /** A builder for a memory store on {@code store}; name the user with {@code userId} or {@code userResolver}. */
    public static Builder builder(ChatStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    /** Builds a {@link ChatstoreChatMemoryStore}. */
    public static final class Builder {
        private final ChatStore store;
        private Function<Object, String> userResolver;
        private int cacheSize = DEFAULT_CACHE_SIZE;

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

        /**
         * How many memories' windows to keep in memory (default {@value ChatstoreChatMemoryStore#DEFAULT_CACHE_SIZE}); 0 reads
         * every window from the store.
         */
        public Builder cacheSize(int cacheSize) {
            if (cacheSize < 0) {
                throw new IllegalArgumentException("cacheSize must not be negative, was " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        /** @throws IllegalStateException if neither a user id nor a user resolver was given */
        public ChatstoreChatMemoryStore build() {
            if (userResolver == null) {
                throw new IllegalStateException("a userId or a userResolver is required");
            }
            return new ChatstoreChatMemoryStore(store, userResolver, cacheSize);
        }
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        UserChats chats = chats(memoryId);
        String key = key(memoryId);
        Optional<Conversation> conversation = chats.conversations().findByExternalKey(key);
        if (conversation.isEmpty()) {
            windows.remove(cacheKey(chats, key));
            return new ArrayList<>();
        }
        Window window = current(chats, key, conversation.get());
        window.handedOut().set(true);
        List<ChatMessage> messages = new ArrayList<>(window.stored().size());
        for (Stored stored : window.stored()) {
            messages.add(stored.message());
        }
        return messages;
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        messages.forEach(message -> Objects.requireNonNull(message, "message"));
        UserChats chats = chats(memoryId);
        String key = key(memoryId);
        // The window in memory, if any: the write checks its revision, so the conversation is not read
        // first. If it was handed out, the list may hold its instances, which stay that window's
        // messages even when another writer changed the conversation meanwhile.
        Window known = windows.get(cacheKey(chats, key));
        Window handedOut = known != null && known.handedOut().get() ? known : null;
        for (int attempt = 1; ; attempt++) {
            Window window = attempt == 1 ? known : null;
            if (window == null) {
                Conversation conversation = messages.isEmpty()
                        ? chats.conversations().findByExternalKey(key).orElse(null)
                        : chats.conversations().getOrCreateByExternalKey(key, NewConversation.untitled());
                if (conversation == null) {
                    return;
                }
                window = current(chats, key, conversation);
            }
            try {
                update(chats, key, window, messages, handedOut);
                return;
            } catch (ConcurrentUpdateException | NotFoundException e) {
                windows.remove(cacheKey(chats, key));
                if (e instanceof NotFoundException && window != known) {
                    throw e;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                if (e instanceof ConcurrentUpdateException) {
                    backOff(attempt);
                }
            }
        }
    }

    /** A random pause that grows with the attempts, so racing writers stop colliding. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an update", e);
        }
    }

    /** One attempt: the new messages and the window, written only if the conversation is still as read. */
    private void update(UserChats chats, String key, Window window, List<ChatMessage> messages, Window handedOut) {
        List<Stored> kept = new ArrayList<>();
        int keptCount = handedOut != null && handedOut.conversationId().equals(window.conversationId())
                ? keptByIdentity(handedOut.stored(), messages, kept) : 0;
        if (keptCount == 0) {
            keptCount = keptByValue(window.stored(), messages, kept);
        }
        List<NewMessage> added = new ArrayList<>();
        for (ChatMessage message : messages.subList(keptCount, messages.size())) {
            added.add(toNewMessage(message));
        }
        // Under the revision check nobody appends in between, so the new messages get the next numbers.
        List<Long> seqs = new ArrayList<>();
        kept.forEach(stored -> seqs.add(stored.seq()));
        for (int i = 1; i <= added.size(); i++) {
            seqs.add(window.lastSeq() + i);
        }
        List<List<Long>> ranges = ranges(seqs);
        AppendOptions options = AppendOptions.none().ifRevision(window.revision());
        if (!ranges.equals(window.ranges())) {
            options = options.patchMetadata(Map.of(WINDOW_KEY, ranges));
        } else if (added.isEmpty()) {
            return;
        }
        List<Stored> now = new ArrayList<>(kept);
        Conversation written = appendInBatches(chats.messages(), window.conversationId(), added, options, now);
        windows.put(cacheKey(chats, key), Window.of(written, List.copyOf(now)));
    }

    /**
     * Appends {@code added} (one transaction per {@link Limits#BATCH_MAX}, each at the revision the one
     * before left; the options' patch goes with the last) and adds what was stored to {@code window}.
     */
    private static Conversation appendInBatches(Messages messages, String conversationId, List<NewMessage> added,
                                                AppendOptions options, List<Stored> window) {
        long revision = options.expectedRevision().orElseThrow();
        int from = 0;
        while (true) {
            int to = Math.min(added.size(), from + Limits.BATCH_MAX);
            AppendOptions these = to == added.size() ? options.ifRevision(revision)
                    : AppendOptions.none().ifRevision(revision);
            AppendOutcome outcome = messages.appendAll(conversationId, added.subList(from, to), these);
            for (Appended appended : outcome.messages()) {
                ChatMessage message = toChatMessage(appended.message());
                if (message != null) {
                    window.add(new Stored(appended.message().seq(), message));
                }
            }
            if (to == added.size()) {
                return outcome.conversation();
            }
            revision = outcome.conversation().revision();
            from = to;
        }
    }

    /** Deletes the memory's conversation, its whole history included. */
    @Override
    public void deleteMessages(Object memoryId) {
        UserChats chats = chats(memoryId);
        String key = key(memoryId);
        chats.conversations().findByExternalKey(key)
                .ifPresent(conversation -> chats.conversations().delete(conversation.id()));
        windows.remove(cacheKey(chats, key));
    }

    /** The conversation's window: the one kept in memory if the conversation has not changed since, else read. */
    private Window current(UserChats chats, String key, Conversation conversation) {
        String cacheKey = cacheKey(chats, key);
        Window cached = windows.get(cacheKey);
        if (cached != null && cached.conversationId().equals(conversation.id())
                && cached.revision() == conversation.revision()) {
            return cached;
        }
        // Read after the conversation row: if a write slipped in between, this window is newer than
        // its revision says, and the next call reads again.
        Window read = Window.of(conversation, List.copyOf(readWindow(chats.messages(), conversation)));
        windows.put(cacheKey, read);
        return read;
    }

    private static String cacheKey(UserChats chats, String key) {
        return chats.userId() + '\u0000' + key;
    }

    /**
     * The window as stored, at a revision (with the conversation's last sequence number and recorded
     * ranges then); {@code handedOut} once {@link #getMessages} returned its message instances.
     */
    private record Window(String conversationId, long revision, long lastSeq, List<List<Long>> ranges,
                          List<Stored> stored, AtomicBoolean handedOut) {
        /** The window {@code stored} of {@code conversation} as read or written; not handed out yet. */
        static Window of(Conversation conversation, List<Stored> stored) {
            return new Window(conversation.id(), conversation.revision(), conversation.lastSeq(),
                    storedRanges(conversation), stored, new AtomicBoolean());
        }
    }

    /**
     * How many messages at the start of {@code messages} are instances of the window, in order; those
     * go to {@code kept}, and everything after them is new.
     */
    private static int keptByIdentity(List<Stored> window, List<ChatMessage> messages, List<Stored> kept) {
        Map<ChatMessage, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < window.size(); i++) {
            index.put(window.get(i).message(), i);
        }
        int last = -1;
        int count = 0;
        for (ChatMessage message : messages) {
            Integer at = index.get(message);
            if (at == null || at <= last) {
                break;
            }
            kept.add(window.get(at));
            last = at;
            count++;
        }
        return count;
    }

    /**
     * How many messages at the start of {@code messages} are stored window messages, compared by
     * value; those go to {@code kept}. A chat memory sends the window less what it evicted from the
     * start (a system message may stay first), then the new messages: the least eviction that
     * explains the list wins. Else the longest prefix found, in order, in the window.
     */
    private static int keptByValue(List<Stored> window, List<ChatMessage> messages, List<Stored> kept) {
        int count = keptSuffix(window, messages, kept);
        if (count > 0) {
            return count;
        }
        int next = 0;
        for (ChatMessage message : messages) {
            int at = next;
            while (at < window.size() && !window.get(at).message().equals(message)) {
                at++;
            }
            if (at == window.size()) {
                break;
            }
            kept.add(window.get(at));
            next = at + 1;
            count++;
        }
        return count;
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
     * from its start (a system message first may stay), fewest evicted first; their stored messages
     * go to {@code kept}. 0 if the list does not start so.
     */
    private static int keptSuffix(List<Stored> window, List<ChatMessage> messages, List<Stored> kept) {
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
                        kept.add(window.get(0));
                    }
                    for (int i = 0; i < length; i++) {
                        kept.add(window.get(from + i));
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
