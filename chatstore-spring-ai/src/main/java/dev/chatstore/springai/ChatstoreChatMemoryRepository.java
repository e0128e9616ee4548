package dev.chatstore.springai;

import dev.chatstore.AppendOptions;
import dev.chatstore.AppendOutcome;
import dev.chatstore.ChatStore;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.Messages;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * every turn. This repository appends only the messages that are new since the last save and never
 * deletes history: it records where the window is in the conversation's metadata, under
 * {@value #WINDOW_START_KEY} (the sequence number from which every message is in the window) and,
 * when the window kept older messages too (the window keeps system messages when it evicts),
 * {@value #WINDOW_KEPT_KEY} (a list of {@code [fromSeq, toSeq]} ranges before it). The new messages
 * and the window record are one transaction, written only if the conversation is still at the
 * {@link Conversation#revision} the save read ({@link AppendOptions#ifRevision}); a save that lost a
 * race with another writer (another node, or two saves of one conversation at once) reads again and
 * retries, so every message is stored once. {@link #findByConversationId} returns exactly what was
 * last saved; the full history stays readable through chatstore's {@code messages()}.
 *
 * <h2>Which messages are new</h2>
 * A message instance {@link #findByConversationId} returned (the chat memory passes them back) is
 * that stored message: when the saved list starts with such instances, in order, they are kept and
 * every message after them is new, even one equal to a stored message. Otherwise (after a restart,
 * on another node, for a list the caller built) the list is compared by value, in chatstore's stored
 * form, with the stored window: its longest prefix found in order in the window is kept, and the rest
 * is appended. A list that does not continue the window at all (the application replaced it) is
 * appended whole and the window moves to its first message.
 *
 * <h2>Cost</h2>
 * The repository keeps the windows it read or wrote last in memory ({@link Builder#cacheSize}), each
 * valid while its conversation's revision is unchanged: {@link #findByConversationId} then costs one
 * indexed read of the conversation row, and {@link #saveAll} one transaction that appends only what is
 * new (it checks the revision itself, so nothing is read first). (More than {@link Limits#BATCH_MAX} new chatstore messages take one
 * transaction per batch.) Conversations are read as a linear history by sequence number; branches
 * made through chatstore's {@code regenerate} or {@code editIntoBranch} are not told apart.
 *
 * <h2>Messages</h2>
 * See {@link MessageMapping} for how each Spring AI message type is stored.
 */
public final class ChatstoreChatMemoryRepository implements ChatMemoryRepository {

    /** Conversation metadata key: the first sequence number of the open end of the window. */
    public static final String WINDOW_START_KEY = "springai.windowStartSeq";
    /** Conversation metadata key: {@code [fromSeq, toSeq]} ranges in the window before {@link #WINDOW_START_KEY}. */
    public static final String WINDOW_KEPT_KEY = "springai.windowKept";
    /** How many windows {@link Builder#cacheSize} keeps by default. */
    public static final int DEFAULT_CACHE_SIZE = 1_000;

    private static final int PAGE = Limits.MESSAGES_PAGE_MAX;
    private static final int CONVERSATIONS_PAGE = Limits.CONVERSATIONS_PAGE_MAX;
    /** Writers racing on one conversation each retry; this many lost races in a row is an error. */
    private static final int MAX_ATTEMPTS = 30;

    private final ChatStore store;
    private final String fixedUserId;
    private final Function<String, String> userResolver;
    private final RecentWindows<Window> windows;

    private ChatstoreChatMemoryRepository(Builder builder) {
        this.store = Objects.requireNonNull(builder.store, "store");
        this.fixedUserId = builder.userId;
        this.userResolver = builder.userResolver;
        if ((fixedUserId == null) == (userResolver == null)) {
            throw new IllegalStateException("set exactly one of userId and userResolver");
        }
        this.windows = new RecentWindows<>(builder.cacheSize);
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
            windows.remove(cacheKey(chats, conversationId));
            return new ArrayList<>();
        }
        Window window = current(chats, conversationId, conversation.get());
        window.handedOut().set(true);
        List<Message> messages = new ArrayList<>(window.units().size());
        window.units().forEach(unit -> messages.add(unit.spring()));
        return messages;
    }

    /**
     * Stores {@code messages} as the conversation's window, appending only what is new.
     *
     * @throws IllegalArgumentException if the id is blank, {@code messages} is null or holds null, as
     *                                  Spring AI's repositories do
     */
    @Override
    public void saveAll(String conversationId, List<Message> messages) {
        requireId(conversationId);
        if (messages == null) {
            throw new IllegalArgumentException("messages cannot be null");
        }
        for (Message m : messages) {
            if (m == null) {
                throw new IllegalArgumentException("messages cannot contain null elements");
            }
        }
        // Converted once, and only as far as needed: a window passed back needs only its new messages.
        List<MessageMapping.Unit> incoming = new ArrayList<>(java.util.Collections.nCopies(messages.size(), null));
        UserChats chats = chats(conversationId);
        // The window in memory, if any: the write checks its revision, so the conversation is not read
        // first. If it was handed out, the list may hold its instances, which stay that window's
        // messages even when another writer changed the conversation meanwhile.
        Window known = windows.get(cacheKey(chats, conversationId));
        Window handedOut = known != null && known.handedOut().get() ? known : null;
        if (handedOut == null) {
            // A bad message fails here, before anything (even the conversation) is created.
            convert(messages, incoming, 0);
        }
        for (int attempt = 1; ; attempt++) {
            Window window = attempt == 1 ? known : null;
            if (window == null) {
                Conversation conversation = chats.conversations()
                        .getOrCreateByExternalKey(conversationId, NewConversation.untitled());
                window = current(chats, conversationId, conversation);
            }
            try {
                save(chats, conversationId, window, messages, incoming, handedOut);
                return;
            } catch (ConcurrentUpdateException | NotFoundException e) {
                windows.remove(cacheKey(chats, conversationId));
                if (e instanceof NotFoundException && window != known || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                if (e instanceof ConcurrentUpdateException) {
                    backOff(attempt);
                }
            }
        }
    }

    /** One attempt: the new messages and the window, written only if the conversation is still as read. */
    private void save(UserChats chats, String key, Window window, List<Message> messages,
                      List<MessageMapping.Unit> incoming, Window handedOut) {
        List<StoredUnit> kept = new ArrayList<>();
        int matched = handedOut != null && handedOut.conversationId().equals(window.conversationId())
                ? keptByIdentity(handedOut.units(), messages, kept) : 0;
        if (matched == 0) {
            convert(messages, incoming, 0);
            matched = keptByValue(window.units(), incoming, kept);
        } else {
            convert(messages, incoming, matched);
        }
        List<MessageMapping.Unit> added = incoming.subList(matched, incoming.size());
        List<NewMessage> toAppend = new ArrayList<>();
        added.forEach(unit -> toAppend.addAll(unit.messages()));

        // Under the revision check nobody appends in between, so the new messages get the next numbers.
        List<Long> seqs = new ArrayList<>();
        kept.forEach(unit -> unit.messages().forEach(m -> seqs.add(m.seq())));
        long end = window.lastSeq() + toAppend.size();
        for (long seq = window.lastSeq() + 1; seq <= end; seq++) {
            seqs.add(seq);
        }
        List<long[]> runs = runs(seqs);
        long start = end + 1;
        if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == end) {
            start = runs.remove(runs.size() - 1)[0];
        }
        List<List<Long>> keptRanges = runs.stream().map(r -> List.of(r[0], r[1])).toList();

        AppendOptions options = AppendOptions.none().ifRevision(window.revision());
        if (start != window.start() || !keptRanges.equals(window.kept())) {
            Map<String, Object> patch = new HashMap<>();
            patch.put(WINDOW_START_KEY, start);
            patch.put(WINDOW_KEPT_KEY, keptRanges.isEmpty() ? null : keptRanges);
            options = options.patchMetadata(patch);
        } else if (toAppend.isEmpty()) {
            return;
        }
        List<dev.chatstore.Message> stored = new ArrayList<>(toAppend.size());
        Conversation written = appendInBatches(chats.messages(), window.conversationId(), toAppend, options, stored);
        List<StoredUnit> units = new ArrayList<>(kept);
        int next = 0;
        for (MessageMapping.Unit unit : added) {
            List<dev.chatstore.Message> these = List.copyOf(stored.subList(next, next + unit.messages().size()));
            units.add(new StoredUnit(these, MessageMapping.toSpringMessage(these)));
            next += unit.messages().size();
        }
        windows.put(cacheKey(chats, key), new Window(written.id(), written.revision(), written.lastSeq(), start,
                keptRanges, List.copyOf(units), new AtomicBoolean()));
    }

    /** Fills {@code incoming} with the stored form of {@code messages}, from index {@code from} on. */
    private static void convert(List<Message> messages, List<MessageMapping.Unit> incoming, int from) {
        for (int i = from; i < messages.size(); i++) {
            if (incoming.get(i) == null) {
                incoming.set(i, MessageMapping.toChatstore(messages.get(i)));
            }
        }
    }

    /**
     * Appends {@code messages} (one transaction per {@link Limits#BATCH_MAX}, each at the revision the
     * one before left; the options' patch goes with the last) and adds what was stored to {@code stored}.
     */
    private static Conversation appendInBatches(Messages messages, String conversationId, List<NewMessage> toAppend,
                                                AppendOptions options, List<dev.chatstore.Message> stored) {
        long revision = options.expectedRevision().orElseThrow();
        int from = 0;
        while (true) {
            int to = Math.min(toAppend.size(), from + Limits.BATCH_MAX);
            AppendOptions these = to == toAppend.size() ? options.ifRevision(revision)
                    : AppendOptions.none().ifRevision(revision);
            AppendOutcome outcome = messages.appendAll(conversationId, toAppend.subList(from, to), these);
            outcome.messages().forEach(appended -> stored.add(appended.message()));
            if (to == toAppend.size()) {
                return outcome.conversation();
            }
            revision = outcome.conversation().revision();
            from = to;
        }
    }

    /** Ascending numbers as runs of consecutive ones, each {@code [from, to]}. */
    private static List<long[]> runs(List<Long> seqs) {
        List<long[]> runs = new ArrayList<>();
        for (long seq : seqs) {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && seq == last[1] + 1) {
                last[1] = seq;
            } else {
                runs.add(new long[] {seq, seq});
            }
        }
        return runs;
    }

    /**
     * How many messages at the start of {@code messages} are instances of the window, in order; their
     * units go to {@code kept}, and everything after them is new.
     */
    private static int keptByIdentity(List<StoredUnit> window, List<Message> messages, List<StoredUnit> kept) {
        Map<Message, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < window.size(); i++) {
            index.put(window.get(i).spring(), i);
        }
        int last = -1;
        int count = 0;
        for (Message message : messages) {
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

    /** The longest prefix of {@code incoming} found, in order, in the window, compared in stored form. */
    private static int keptByValue(List<StoredUnit> window, List<MessageMapping.Unit> incoming, List<StoredUnit> kept) {
        int matched = 0;
        int j = 0;
        while (matched < incoming.size()) {
            MessageMapping.Unit wanted = incoming.get(matched);
            while (j < window.size() && !wanted.sameAs(window.get(j).messages())) {
                j++;
            }
            if (j == window.size()) {
                break;
            }
            kept.add(window.get(j));
            matched++;
            j++;
        }
        return matched;
    }

    /** A random pause that grows with the attempts, so racing writers stop colliding. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a save", e);
        }
    }

    /** Deletes the conversation, its full history included. */
    @Override
    public void deleteByConversationId(String conversationId) {
        requireId(conversationId);
        UserChats chats = chats(conversationId);
        chats.conversations().findByExternalKey(conversationId)
                .ifPresent(c -> chats.conversations().delete(c.id()));
        windows.remove(cacheKey(chats, conversationId));
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

    private static String cacheKey(UserChats chats, String conversationId) {
        return chats.userId() + '\u0000' + conversationId;
    }

    /** One Spring AI message: the chatstore messages that store it, and the instance handed out for them. */
    private record StoredUnit(List<dev.chatstore.Message> messages, Message spring) {
    }

    /**
     * The window as stored at a revision (with the conversation's last sequence number then);
     * {@code handedOut} once {@link #findByConversationId} returned its message instances.
     */
    private record Window(String conversationId, long revision, long lastSeq, long start, List<List<Long>> kept,
                          List<StoredUnit> units, AtomicBoolean handedOut) {
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
        Window read = readWindow(chats, conversation);
        windows.put(cacheKey, read);
        return read;
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
        List<StoredUnit> units = new ArrayList<>();
        for (List<Long> range : kept) {
            addUnits(read(chats, conversation.id(), range.get(0), range.get(1)), units);
        }
        addUnits(read(chats, conversation.id(), start, Long.MAX_VALUE), units);
        return new Window(conversation.id(), conversation.revision(), conversation.lastSeq(), start, List.copyOf(kept),
                List.copyOf(units),
                new AtomicBoolean());
    }

    private static void addUnits(List<dev.chatstore.Message> range, List<StoredUnit> units) {
        for (List<dev.chatstore.Message> unit : MessageMapping.group(range)) {
            units.add(new StoredUnit(unit, MessageMapping.toSpringMessage(unit)));
        }
    }

    private static List<dev.chatstore.Message> read(UserChats chats, String conversationId, long from, long to) {
        List<dev.chatstore.Message> into = new ArrayList<>();
        Page<dev.chatstore.Message> page = chats.messages().after(conversationId, Math.max(0, from - 1), PAGE);
        while (true) {
            for (dev.chatstore.Message m : page.items()) {
                if (m.seq() > to) {
                    return into;
                }
                into.add(m);
            }
            if (!page.hasNext() || page.items().isEmpty()) {
                return into;
            }
            page = chats.messages().oldestFirst(conversationId, PageRequest.at(page.nextCursor(), PAGE));
        }
    }

    /** Chooses the chatstore user of each Spring AI conversation. */
    public static final class Builder {
        private final ChatStore store;
        private String userId;
        private Function<String, String> userResolver;
        private int cacheSize = DEFAULT_CACHE_SIZE;

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

        /**
         * How many conversations' windows to keep in memory (default
         * {@value ChatstoreChatMemoryRepository#DEFAULT_CACHE_SIZE}); 0 reads every window from the store.
         */
        public Builder cacheSize(int cacheSize) {
            if (cacheSize < 0) {
                throw new IllegalArgumentException("cacheSize must not be negative, was " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        public ChatstoreChatMemoryRepository build() {
            return new ChatstoreChatMemoryRepository(this);
        }
    }
}
