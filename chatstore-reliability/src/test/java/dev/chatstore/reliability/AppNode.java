package dev.chatstore.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.AppendOptions;
import dev.chatstore.Appended;
import dev.chatstore.ChatStoreException;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import dev.chatstore.postgres.PostgresChatStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link ManyAppNodesTest}: one application node. It opens its own pool and
 * {@code PostgresChatStore} on the schema the parent migrated (without migrating), and runs
 * {@link #THREADS} threads of {@code ops} operations each over the users and conversations the
 * parent seeded, shared by every node. Arguments: JDBC URL, schema, node number, node count, ops
 * per thread, seed.
 *
 * <p>What an operation does is a function of (seed, node, thread, index) alone, so any node can
 * replay another node's write with the same client message id and payload, before or after the
 * original. It prints one line per acknowledged outcome (after the call returned):
 *
 * <pre>
 * ACK node thread clientId conversationId messageId seq replayed   an append returned (replayed 0 or 1)
 * DEL node thread messageId                                        delete returned true
 * FAIL node thread clientId exceptionType                          a write threw a typed exception
 * FAILDEL node thread messageId exceptionType                      a delete threw a typed exception
 * DONE node figure=value ...                                       the node's figures, last
 * ERROR node text                                                  anything else; the process exits 1
 * </pre>
 */
public final class AppNode {
    static final int THREADS = 4;
    static final int POOL_SIZE = 6;
    static final int PAGE = 16;
    /** Users the parent seeds, each with {@link #CONVERSATIONS_PER_USER} conversations. */
    static final List<String> USERS = List.of("alice", "bob");
    static final int CONVERSATIONS_PER_USER = 2;
    private static final int MAX_OPTIMISTIC_ATTEMPTS = 1000;
    private static final PrintStream OUT = System.out;

    enum Kind {
        APPEND, BATCH, OPTIMISTIC, DELETABLE, REPLAY, PAGE, DELETE_OWN, DELETE_FOREIGN;

        boolean replayable() {
            return this == APPEND || this == BATCH || this == OPTIMISTIC;
        }
    }

    /** A conversation and the user who owns it. */
    record Target(String userId, String conversationId) {
    }

    private final int node;
    private final int nodes;
    private final int ops;
    private final long seed;
    private final PostgresChatStore store;
    private final List<Target> targets;
    private final Map<String, AtomicLong> figures = new ConcurrentHashMap<>();

    private AppNode(int node, int nodes, int ops, long seed, PostgresChatStore store) {
        this.node = node;
        this.nodes = nodes;
        this.ops = ops;
        this.seed = seed;
        this.store = store;
        this.targets = targets(store);
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("app-node-" + args[2]);
        int node = Integer.parseInt(args[2]);
        try (HikariDataSource pool = new HikariDataSource(config);
             PostgresChatStore store = PostgresChatStore.builder(pool).schema(args[1]).migrateOnOpen(false).build()) {
            AppNode app = new AppNode(node, Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]), store);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        app.run(thread);
                    } catch (Throwable e) {
                        print("ERROR " + node + " " + e.toString().replace('\n', ' '));
                        e.printStackTrace();
                        System.exit(1);
                    }
                }, "node-" + node + "-" + t);
                worker.start();
                threads.add(worker);
            }
            for (Thread worker : threads) {
                worker.join();
            }
            StringBuilder done = new StringBuilder("DONE " + node);
            new TreeMap<>(app.figures).forEach((k, v) -> done.append(' ').append(k).append('=').append(v.get()));
            print(done.toString());
        }
        System.exit(0);
    }

    /** The seeded conversations, in a fixed order every node agrees on. */
    static List<Target> targets(PostgresChatStore store) {
        List<Target> all = new ArrayList<>();
        for (String user : USERS) {
            store.forUser(user).conversations().list(PageRequest.first(100)).items().stream()
                    .map(Conversation::id).sorted().forEach(id -> all.add(new Target(user, id)));
        }
        if (all.size() != USERS.size() * CONVERSATIONS_PER_USER) {
            throw new IllegalStateException("expected the seeded conversations, found " + all);
        }
        return all;
    }

    /** The operation's own random source: the same on every node. */
    private SplittableRandom plan(int n, int t, int i) {
        return new SplittableRandom(seed ^ (n * 1_000_003L + t * 10_007L + i) * 0x9E3779B97F4A7C15L);
    }

    Kind kind(int n, int t, int i) {
        int dice = plan(n, t, i).nextInt(100);
        if (dice < 32) {
            return Kind.APPEND;
        } else if (dice < 45) {
            return Kind.BATCH;
        } else if (dice < 53) {
            return Kind.OPTIMISTIC;
        } else if (dice < 60) {
            return Kind.DELETABLE;
        } else if (dice < 75) {
            return Kind.REPLAY;
        } else if (dice < 86) {
            return Kind.PAGE;
        } else if (dice < 94) {
            return Kind.DELETE_OWN;
        }
        return Kind.DELETE_FOREIGN;
    }

    Target target(int n, int t, int i) {
        SplittableRandom r = plan(n, t, i);
        r.nextInt();
        return targets.get(r.nextInt(targets.size()));
    }

    static String key(int n, int t, int i) {
        return "n" + n + "-t" + t + "-" + i;
    }

    /** The message(s) operation (n, t, i) writes; the same on every node, so a replay has the same payload. */
    static List<NewMessage> messages(Kind kind, int n, int t, int i) {
        String key = key(n, t, i);
        if (kind == Kind.BATCH) {
            return List.of(NewMessage.user("question " + key).clientMessageId(key + "-a"),
                    NewMessage.assistant("answer " + key).clientMessageId(key + "-b").metadata(Map.of("op", i)),
                    NewMessage.user("follow-up " + key).clientMessageId(key + "-c"));
        }
        NewMessage m = i % 2 == 0 ? NewMessage.user("said " + key) : NewMessage.assistant("answered " + key);
        return List.of(m.clientMessageId(key));
    }

    private void run(int t) {
        Random random = new Random(seed + node * 31L + t);
        List<String[]> deletable = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            Kind kind = kind(node, t, i);
            Target target = target(node, t, i);
            UserChats chats = store.forUser(target.userId());
            List<NewMessage> mine = messages(kind, node, t, i);
            List<NewMessage> writing = kind.replayable() || kind == Kind.DELETABLE ? mine : List.of();
            String deleting = null;
            try {
                switch (kind) {
                    case APPEND -> ack(t, chats.messages().append(target.conversationId(), mine.get(0)));
                    case BATCH -> batch(t, chats.messages().appendAll(target.conversationId(), mine));
                    case OPTIMISTIC -> optimistic(t, chats, target.conversationId(), mine.get(0));
                    case DELETABLE -> {
                        Appended a = chats.messages().append(target.conversationId(), mine.get(0));
                        ack(t, a);
                        deletable.add(new String[] {target.userId(), a.message().id()});
                    }
                    case REPLAY -> {
                        int[] earlier = pickReplay(random, i);
                        if (earlier != null) {
                            Kind original = kind(earlier[0], earlier[1], earlier[2]);
                            writing = messages(original, earlier[0], earlier[1], earlier[2]);
                            replay(t, earlier[0], original, target(earlier[0], earlier[1], earlier[2]), writing);
                        }
                    }
                    case PAGE -> page(chats, target.conversationId());
                    case DELETE_OWN -> {
                        if (!deletable.isEmpty()) {
                            String[] own = deletable.remove(random.nextInt(deletable.size()));
                            deleting = own[1];
                            delete(t, own[0], own[1]);
                        }
                    }
                    case DELETE_FOREIGN -> {
                        Optional<String[]> found = findForeign(random, i);
                        if (found.isPresent()) {
                            deleting = found.get()[1];
                            delete(t, found.get()[0], found.get()[1]);
                        }
                    }
                }
            } catch (ChatStoreException e) {
                // A typed failure is allowed; what it was writing may or may not be stored.
                count("exception." + e.getClass().getSimpleName());
                for (NewMessage m : writing) {
                    print("FAIL " + node + " " + t + " " + m.clientMessageId() + " " + e.getClass().getSimpleName());
                }
                if (deleting != null) {
                    print("FAILDEL " + node + " " + t + " " + deleting + " " + e.getClass().getSimpleName());
                }
            }
            count("ops");
        }
    }

    private void ack(int t, Appended a) {
        Message m = a.message();
        print("ACK " + node + " " + t + " " + m.clientMessageId() + " " + m.conversationId() + " " + m.id() + " "
                + m.seq() + " " + (a.replayed() ? 1 : 0));
        count(a.replayed() ? "acks.replayed" : "acks.stored");
    }

    /** A batch of fresh client ids is one transaction: stored entirely with consecutive seqs, or replayed entirely. */
    private void batch(int t, List<Appended> batch) {
        batch.forEach(a -> ack(t, a));
        long stored = batch.stream().filter(a -> !a.replayed()).count();
        long first = batch.get(0).message().seq();
        if (!(stored == 0 || stored == 3 && batch.get(1).message().seq() == first + 1
                && batch.get(2).message().seq() == first + 2)) {
            throw new AssertionError("batch stored in part or with a gap: " + batch);
        }
        count("batches");
    }

    /** Appends at the revision just read, as a chat memory does; retries on a conflict. */
    private void optimistic(int t, UserChats chats, String conversationId, NewMessage m) {
        for (int attempt = 1; attempt <= MAX_OPTIMISTIC_ATTEMPTS; attempt++) {
            long revision = chats.conversations().get(conversationId).orElseThrow().revision();
            try {
                ack(t, chats.messages().appendAll(conversationId, List.of(m), AppendOptions.none().ifRevision(revision))
                        .messages().get(0));
                count("optimistic");
                return;
            } catch (ConcurrentUpdateException e) {
                count("conflictsRetried");
            }
        }
        throw new AssertionError("no optimistic append in " + MAX_OPTIMISTIC_ATTEMPTS + " attempts");
    }

    /** An earlier replayable operation {node, thread, index} of any node (this one included), or null. */
    private int[] pickReplay(Random random, int i) {
        for (int tries = 0; tries < 10; tries++) {
            int[] earlier = {random.nextInt(nodes), random.nextInt(THREADS), random.nextInt(Math.max(1, i))};
            if (kind(earlier[0], earlier[1], earlier[2]).replayable()) {
                return earlier;
            }
        }
        return null;
    }

    /** Writes an earlier operation again, with its client ids and payload, through this node. */
    private void replay(int t, int n, Kind kind, Target target, List<NewMessage> original) {
        UserChats chats = store.forUser(target.userId());
        List<Appended> outcome = kind == Kind.BATCH
                ? chats.messages().appendAll(target.conversationId(), original)
                : List.of(chats.messages().append(target.conversationId(), original.get(0)));
        if (kind == Kind.BATCH) {
            batch(t, outcome);
        } else {
            outcome.forEach(a -> ack(t, a));
        }
        count(n == node ? "replays.sameNode" : "replays.otherNode");
        count(outcome.get(0).replayed() ? "replays.ofStored" : "replays.storedFirst");
    }

    /** Pages through a conversation both ways: seqs strictly ordered, no message twice, whatever is deleted meanwhile. */
    private void page(UserChats chats, String conversationId) {
        for (boolean oldestFirst : new boolean[] {true, false}) {
            Set<String> seen = new HashSet<>();
            long previous = oldestFirst ? 0 : Long.MAX_VALUE;
            PageRequest request = PageRequest.first(PAGE);
            while (true) {
                Page<Message> page = oldestFirst ? chats.messages().oldestFirst(conversationId, request)
                        : chats.messages().newestFirst(conversationId, request);
                count("pages");
                for (Message m : page.items()) {
                    if (!seen.add(m.id()) || (oldestFirst ? m.seq() <= previous : m.seq() >= previous)
                            || !m.conversationId().equals(conversationId)) {
                        throw new AssertionError((oldestFirst ? "oldest" : "newest") + "-first paging of "
                                + conversationId + " out of order or repeated at " + m.id() + " seq " + m.seq()
                                + " after seq " + previous);
                    }
                    previous = m.seq();
                }
                if (!page.hasNext()) {
                    break;
                }
                request = PageRequest.at(page.nextCursor(), PAGE);
            }
        }
    }

    /**
     * The latest deletable message of a random thread of any node, as {userId, messageId}, if it is
     * stored: its own node may be deleting it at the same time.
     */
    private Optional<String[]> findForeign(Random random, int i) {
        int n = random.nextInt(nodes);
        int other = random.nextInt(THREADS);
        for (int j = i; j >= 0; j--) {
            if (kind(n, other, j) == Kind.DELETABLE) {
                Target target = target(n, other, j);
                return store.forUser(target.userId()).messages()
                        .byClientMessageId(target.conversationId(), key(n, other, j))
                        .map(m -> new String[] {target.userId(), m.id()});
            }
        }
        return Optional.empty();
    }

    private void delete(int t, String userId, String messageId) {
        if (store.forUser(userId).messages().delete(messageId)) {
            print("DEL " + node + " " + t + " " + messageId);
            count("deletes");
        } else {
            count("deletes.lostRace");
        }
    }

    private void count(String figure) {
        figures.computeIfAbsent(figure, k -> new AtomicLong()).incrementAndGet();
    }

    private static void print(String line) {
        synchronized (OUT) {
            OUT.print(line + "\n");
            OUT.flush();
        }
    }
}
