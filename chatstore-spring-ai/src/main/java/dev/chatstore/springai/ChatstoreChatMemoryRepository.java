package dev.chatstore.springai;

import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.NewConversation;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemoryRepository} on a chatstore {@link ChatStore}, written against
 * chatstore's API only.
 *
 * <h2>Conversations</h2>
 * Spring AI's conversation id is the external key of a chatstore conversation of the user the
 * application chooses: a fixed user ({@link Builder#userId}) or one resolved from the conversation
 * id ({@link Builder#userResolver}). Two users with the same conversation id have two conversations.
 *
 * <h2>The window and the history</h2>
 * {@link org.springframework.ai.chat.memory.MessageWindowChatMemory} saves the whole window on
 * every turn. This repository appends only the messages that are new since the last save (one
 * {@code appendAll}, one transaction) and never deletes history: when messages leave the window it
 * records where the window now is in the conversation's metadata, under {@value #WINDOW_START_KEY}
 * (the sequence number from which every message is in the window) and, when the window kept older
 * messages too (the window keeps system messages when it evicts), {@value #WINDOW_KEPT_KEY} (a list of
 * {@code [fromSeq, toSeq]} ranges before it). {@link #findByConversationId} returns exactly what was last
 * saved; the full history stays readable through chatstore's {@code messages()}.
 *
 * <p>A saved list is compared with the stored window by value, in chatstore's stored form: its
 * longest prefix found in order in the stored window is taken as those stored messages (so a message
 * equal to one in the window is not stored twice), and the rest is appended. A list that does not
 * continue the window at all (the application replaced it) is appended whole and the window moves to
 * its first message. The append and the window update are two writes: a crash between them leaves the
 * new messages stored and in the window, and only a window move unrecorded.
 *
 * <p>Like Spring AI's JDBC repository, a save is a read followed by writes: two saves of the same
 * conversation at the same time may both append the same new messages. Conversations are read as a
 * linear history by sequence number; branches made through chatstore's {@code regenerate} or
 * {@code editIntoBranch} are not told apart.
 *
 * <h2>Messages</h2>
 * See {@link MessageMapping} for how each Spring AI message type is stored.
 */
public final class ChatstoreChatMemoryRepository implements ChatMemoryRepository {

    /** Conversation metadata key: the first sequence number of the open end of the window. */
    public static final String WINDOW_START_KEY = "springai.windowStartSeq";
    /** Conversation metadata key: {@code [fromSeq, toSeq]} ranges in the window before {@link #WINDOW_START_KEY}. */
    public static final String WINDOW_KEPT_KEY = "springai.windowKept";

    private static final int PAGE = Limits.MESSAGES_PAGE_MAX;
    private static final int CONVERSATIONS_PAGE = Limits.CONVERSATIONS_PAGE_MAX;

    private final ChatStore store;
    private final String fixedUserId;
    private final Function<String, String> userResolver;

    private ChatstoreChatMemoryRepository(Builder builder) {
        this.store = Objects.requireNonNull(builder.store, "store");
        this.fixedUserId = builder.userId;
        this.userResolver = builder.userResolver;
        if ((fixedUserId == null) == (userResolver == null)) {
            throw new IllegalStateException("set exactly one of userId and userResolver");
        }
    }

    public static Builder builder(ChatStore store) {
        return new Builder(store);
    }

    /**
     * The external keys of the fixed user's conversations that have one, archived ones included.
     *
     * @throws UnsupportedOperationException with a {@link Builder#userResolver}: the conversation ids
     *                                       of all users cannot be listed through one user's view
     */
    @Override
    public List<String> findConversationIds() {
        if (fixedUserId == null) {
            throw new UnsupportedOperationException(
                    "findConversationIds needs a fixed user (Builder.userId); with a userResolver, list a user's"
                            + " conversations through chatstore");
        }
        UserChats chats = store.forUser(fixedUserId);
        Set<String> keys = new LinkedHashSet<>();
        collectKeys(keys, cursor -> chats.conversations().list(cursor));
        collectKeys(keys, cursor -> chats.conversations().listArchived(cursor));
        return List.copyOf(keys);
    }

    private static void collectKeys(Set<String> keys, Function<PageRequest, Page<Conversation>> lister) {
        PageRequest request = PageRequest.first(CONVERSATIONS_PAGE);
        while (true) {
            Page<Conversation> page = lister.apply(request);
            for (Conversation c : page.items()) {
                if (c.externalKey() != null) {
                    keys.add(c.externalKey());
                }
            }
            if (!page.hasNext()) {
                return;
            }
            request = PageRequest.at(page.nextCursor(), CONVERSATIONS_PAGE);
        }
    }

    @Override
    public List<Message> findByConversationId(String conversationId) {
        requireId(conversationId);
        UserChats chats = chats(conversationId);
        Optional<Conversation> conversation = chats.conversations().findByExternalKey(conversationId);
        if (conversation.isEmpty()) {
            return List.of();
        }
        return MessageMapping.toSpring(readWindow(chats, conversation.get()).messages());
    }

    @Override
    public void saveAll(String conversationId, List<Message> messages) {
        requireId(conversationId);
        Objects.requireNonNull(messages, "messages");
        List<MessageMapping.Unit> incoming = new ArrayList<>(messages.size());
        for (Message m : messages) {
            incoming.add(MessageMapping.toChatstore(Objects.requireNonNull(m, "messages must not hold null")));
        }
        UserChats chats = chats(conversationId);
        Conversation conversation = chats.conversations()
                .getOrCreateByExternalKey(conversationId, NewConversation.untitled());
        Window stored = readWindow(chats, conversation);
        List<List<dev.chatstore.Message>> storedUnits = MessageMapping.group(stored.messages());

        // The longest prefix of the new list found, in order, in the stored window.
        Set<Long> inWindow = new java.util.HashSet<>();
        int matched = 0;
        int j = 0;
        while (matched < incoming.size()) {
            MessageMapping.Unit wanted = incoming.get(matched);
            while (j < storedUnits.size() && !wanted.sameAs(storedUnits.get(j))) {
                j++;
            }
            if (j == storedUnits.size()) {
                break;
            }
            storedUnits.get(j).forEach(m -> inWindow.add(m.seq()));
            matched++;
            j++;
        }

        List<dev.chatstore.NewMessage> toAppend = new ArrayList<>();
        for (MessageMapping.Unit unit : incoming.subList(matched, incoming.size())) {
            toAppend.addAll(unit.messages());
        }
        List<Appended> appended = List.of();
        if (!toAppend.isEmpty()) {
            appended = appendInBatches(chats, conversation.id(), toAppend);
        }

        // The new window: runs of window messages, each contiguous in the conversation.
        List<long[]> runs = new ArrayList<>();
        long[] run = null;
        int rangeIndex = -1;
        for (Window.Entry e : stored.entries()) {
            boolean in = inWindow.contains(e.message().seq());
            if (in && run != null && e.range() == rangeIndex) {
                run[1] = e.message().seq();
            } else if (in) {
                run = new long[] {e.message().seq(), e.message().seq()};
                runs.add(run);
                rangeIndex = e.range();
            } else {
                run = null;
            }
        }
        boolean lastStoredIn = !stored.entries().isEmpty()
                && inWindow.contains(stored.entries().get(stored.entries().size() - 1).message().seq())
                && stored.entries().get(stored.entries().size() - 1).range() == stored.openRange();
        long windowStart;
        if (!appended.isEmpty()) {
            windowStart = lastStoredIn && run != null ? runs.remove(runs.size() - 1)[0]
                    : appended.get(0).message().seq();
        } else if (lastStoredIn) {
            windowStart = runs.remove(runs.size() - 1)[0];
        } else {
            windowStart = lastSeq(chats, conversation.id(), stored) + 1;
        }
        List<List<Long>> kept = runs.stream().map(r -> List.of(r[0], r[1])).toList();
        if (windowStart != stored.start() || !kept.equals(stored.kept())) {
            Map<String, Object> patch = new HashMap<>();
            patch.put(WINDOW_START_KEY, windowStart);
            patch.put(WINDOW_KEPT_KEY, kept.isEmpty() ? null : kept);
            chats.conversations().patchMetadata(conversation.id(), patch);
        }
    }

    private static List<Appended> appendInBatches(UserChats chats, String conversationId,
                                                  List<dev.chatstore.NewMessage> messages) {
        if (messages.size() <= Limits.BATCH_MAX) {
            return chats.messages().appendAll(conversationId, messages);
        }
        List<Appended> all = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i += Limits.BATCH_MAX) {
            all.addAll(chats.messages().appendAll(conversationId,
                    messages.subList(i, Math.min(messages.size(), i + Limits.BATCH_MAX))));
        }
        return all;
    }

    private static long lastSeq(UserChats chats, String conversationId, Window stored) {
        List<dev.chatstore.Message> latest = chats.messages().latest(conversationId, 1).items();
        long last = latest.isEmpty() ? 0 : latest.get(0).seq();
        return Math.max(last, stored.start() - 1);
    }

    /** Deletes the conversation, its full history included. */
    @Override
    public void deleteByConversationId(String conversationId) {
        requireId(conversationId);
        UserChats chats = chats(conversationId);
        chats.conversations().findByExternalKey(conversationId)
                .ifPresent(c -> chats.conversations().delete(c.id()));
    }

    private UserChats chats(String conversationId) {
        String userId = fixedUserId != null ? fixedUserId : userResolver.apply(conversationId);
        if (userId == null) {
            throw new IllegalStateException("the userResolver returned no user for conversation " + conversationId);
        }
        return store.forUser(userId);
    }

    private static void requireId(String conversationId) {
        if (conversationId == null || conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId cannot be null or empty");
        }
    }

    /** The stored window: its messages in order, each with the index of the range it was read from. */
    private record Window(long start, List<List<Long>> kept, List<Entry> entries) {
        record Entry(dev.chatstore.Message message, int range) {
        }

        int openRange() {
            return kept.size();
        }

        List<dev.chatstore.Message> messages() {
            return entries.stream().map(Entry::message).toList();
        }
    }

    private static Window readWindow(UserChats chats, Conversation conversation) {
        Map<String, Object> metadata = conversation.metadata();
        long start = metadata.get(WINDOW_START_KEY) instanceof Number n ? n.longValue() : 1;
        List<List<Long>> kept = new ArrayList<>();
        if (metadata.get(WINDOW_KEPT_KEY) instanceof List<?> ranges) {
            for (Object r : ranges) {
                if (r instanceof List<?> pair && pair.size() == 2
                        && pair.get(0) instanceof Number from && pair.get(1) instanceof Number to) {
                    kept.add(List.of(from.longValue(), to.longValue()));
                }
            }
        }
        List<Window.Entry> entries = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            read(chats, conversation.id(), kept.get(i).get(0), kept.get(i).get(1), i, entries);
        }
        read(chats, conversation.id(), start, Long.MAX_VALUE, kept.size(), entries);
        return new Window(start, List.copyOf(kept), entries);
    }

    private static void read(UserChats chats, String conversationId, long from, long to, int range,
                             List<Window.Entry> into) {
        Page<dev.chatstore.Message> page = chats.messages().after(conversationId, Math.max(0, from - 1), PAGE);
        while (true) {
            for (dev.chatstore.Message m : page.items()) {
                if (m.seq() > to) {
                    return;
                }
                into.add(new Window.Entry(m, range));
            }
            if (!page.hasNext() || page.items().isEmpty()) {
                return;
            }
            page = chats.messages().oldestFirst(conversationId, PageRequest.at(page.nextCursor(), PAGE));
        }
    }

    /** Chooses the chatstore user of each Spring AI conversation. */
    public static final class Builder {
        private final ChatStore store;
        private String userId;
        private Function<String, String> userResolver;

        private Builder(ChatStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Every conversation belongs to this user; {@link #findConversationIds} lists theirs. */
        public Builder userId(String userId) {
            this.userId = Objects.requireNonNull(userId, "userId");
            return this;
        }

        /**
         * The user of each conversation comes from its Spring AI conversation id; then
         * {@link ChatstoreChatMemoryRepository#findConversationIds} is unsupported.
         */
        public Builder userResolver(Function<String, String> resolver) {
            this.userResolver = Objects.requireNonNull(resolver, "userResolver");
            return this;
        }

        public ChatstoreChatMemoryRepository build() {
            return new ChatstoreChatMemoryRepository(this);
        }
    }
}
