package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Attachment;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.EmbeddingKind;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.FactCategory;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.StoreOptions;
import dev.chatstore.UserChats;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.testkit.TestClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Semantic search served from a store's in-memory copy of the vectors is never stale and never
 * differs from the search that reads them from the database: two stores on one database (two
 * application nodes) see each other's writes at their next search, and a store without the cache
 * returns the very same hits, scores included, for random data and random filters. The same holds
 * for approximate searches through an index held in memory, while it covers every vector.
 */
class VectorCacheCoherenceTest {
    private static final String MODEL = "coherence-embedder";

    /** Databases that several stores can open at once. */
    enum SharedDatabase {
        SQLITE_FILE {
            @Override
            BiFunction<Long, Integer, ChatStore> opener(Path dir, Clock clock) {
                Path file = dir.resolve("shared.db");
                return (cacheBytes, indexMinVectors) -> SqliteChatStore.builder(file).clock(clock).vectorCacheBytes(cacheBytes)
                        .vectorIndexMinVectors(indexMinVectors).build();
            }
        },
        POSTGRES {
            @Override
            BiFunction<Long, Integer, ChatStore> opener(Path dir, Clock clock) {
                String schema = TestPostgres.freshSchema();
                return (cacheBytes, indexMinVectors) -> PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema)
                        .clock(clock).vectorCacheBytes(cacheBytes).vectorIndexMinVectors(indexMinVectors).build();
            }
        };

        /**
         * Opens a store on this test's database with the given vector cache size and the number of vectors from
         * which approximate searches have an index built.
         */
        abstract BiFunction<Long, Integer, ChatStore> opener(Path dir, Clock clock);
    }

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(TestClock.START);
    private final List<ChatStore> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(ChatStore::close);
    }

    private ChatStore open(BiFunction<Long, Integer, ChatStore> opener, long cacheBytes) {
        return open(opener, cacheBytes, StoreOptions.DEFAULT_VECTOR_INDEX_MIN_VECTORS);
    }

    private ChatStore open(BiFunction<Long, Integer, ChatStore> opener, long cacheBytes, int indexMinVectors) {
        ChatStore store = opener.apply(cacheBytes, indexMinVectors);
        open.add(store);
        return store;
    }

    private static List<EmbeddingTarget> targets(UserChats user, VectorQuery query) {
        return user.embeddings().nearest(query).stream().map(VectorHit::target).toList();
    }

    @ParameterizedTest
    @EnumSource(SharedDatabase.class)
    void twoStoresOnOneDatabaseSeeEachOthersVectorWrites(SharedDatabase database) {
        BiFunction<Long, Integer, ChatStore> opener = database.opener(dir, clock);
        UserChats first = open(opener, 1L << 20).forUser("alice");
        UserChats second = open(opener, 1L << 20).forUser("alice");
        Conversation c = first.conversations().create(NewConversation.untitled());
        Message a = first.messages().append(c.id(), NewMessage.user("a")).message();
        Message b = first.messages().append(c.id(), NewMessage.user("b")).message();
        MemoryFact fact = first.facts().add(NewFact.of(FactCategory.FACT, "f", 0.5));
        Attachment file = first.attachments().create(NewAttachment.stored("f.pdf", "application/pdf", 1, null, "s3://b/f"));
        first.embeddings().put(EmbeddingTarget.message(a.id()), MODEL, new float[] {1, 0});
        first.embeddings().put(EmbeddingTarget.message(b.id()), MODEL, new float[] {0, 1});
        VectorQuery query = VectorQuery.of(MODEL, new float[] {1, 0}, 10);
        // The second searches approximately, through an index it holds: it must learn the first's writes too.
        VectorQuery approximate = query.approximate();
        assertThat(second.embeddings().buildApproximateIndex(MODEL)).isTrue();
        assertThat(targets(second, approximate)).as("the second store sees the first's vectors").hasSize(2);
        assertThat(targets(first, query)).as("and the first its own").hasSize(2);

        first.embeddings().put(EmbeddingTarget.message(b.id()), MODEL, new float[] {2, 0});
        assertThat(second.embeddings().nearest(approximate)).as("a replacement by the first, seen by the second")
                .allSatisfy(h -> assertThat(h.score()).isEqualTo(1.0));
        second.embeddings().put(EmbeddingTarget.fact(fact.id()), MODEL, new float[] {1, 1});
        second.embeddings().put(EmbeddingTarget.attachmentChunk(file.id(), 0), MODEL, new float[] {1, 2});
        assertThat(targets(first, query)).as("the second's puts, seen by the first").hasSize(4);

        first.messages().delete(a.id());
        assertThat(targets(second, approximate)).as("a message deleted by the first").hasSize(3)
                .doesNotContain(EmbeddingTarget.message(a.id()));
        second.facts().delete(fact.id());
        assertThat(targets(first, query)).as("a fact deleted by the second").hasSize(2)
                .doesNotContain(EmbeddingTarget.fact(fact.id()));
        first.attachments().delete(file.id());
        assertThat(targets(second, approximate)).as("an attachment deleted by the first")
                .containsExactly(EmbeddingTarget.message(b.id()));
        second.conversations().delete(c.id());
        assertThat(targets(first, query)).as("a conversation deleted by the second").isEmpty();

        Message again = first.messages().append(first.conversations().create(NewConversation.untitled()).id(),
                NewMessage.user("again")).message();
        first.embeddings().put(EmbeddingTarget.message(again.id()), MODEL, new float[] {1, 0});
        assertThat(targets(second, approximate)).as("before erase").containsExactly(EmbeddingTarget.message(again.id()));
        second.erase();
        assertThat(targets(first, query)).as("erased by the second").isEmpty();
        Message afterErase = first.messages().append(first.conversations().create(NewConversation.untitled()).id(),
                NewMessage.user("after")).message();
        first.embeddings().put(EmbeddingTarget.message(afterErase.id()), MODEL, new float[] {1, 0});
        assertThat(targets(second, approximate)).as("one put after erase, seen by the second")
                .containsExactly(EmbeddingTarget.message(afterErase.id()));
    }

    @ParameterizedTest
    @EnumSource(SharedDatabase.class)
    void cachedAndUncachedSearchesReturnTheSameHits(SharedDatabase database) {
        BiFunction<Long, Integer, ChatStore> opener = database.opener(dir, clock);
        UserChats cached = open(opener, 64L << 20).forUser("alice");
        UserChats uncached = open(opener, 0L).forUser("alice");
        UserChats tooSmall = open(opener, 1_000L).forUser("alice");
        // Indexes a model from its first vector, in the background; its approximate searches cover every vector
        // while there are fewer than an approximate search's 100 candidates.
        UserChats indexed = open(opener, 0L, 1).forUser("alice");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Conversation> conversations = new ArrayList<>();
        List<EmbeddingTarget> targets = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            conversations.add(cached.conversations().create(NewConversation.untitled()));
        }
        for (int step = 0; step < 120; step++) {
            clock.advance(Duration.ofMillis(1 + random.nextInt(3)));
            times.add(clock.instant());
            Conversation c = conversations.get(random.nextInt(conversations.size()));
            EmbeddingTarget target;
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> {
                    Role role = Role.values()[random.nextInt(Role.values().length)];
                    NewMessage m = switch (role) {
                        case USER -> NewMessage.user("u" + step);
                        case ASSISTANT -> NewMessage.assistant("a" + step);
                        case SYSTEM -> NewMessage.system("s" + step);
                        case TOOL -> NewMessage.tool("call-" + step, "t" + step);
                    };
                    target = EmbeddingTarget.message(cached.messages().append(c.id(), m).message().id());
                }
                case 3 -> {
                    NewFact f = NewFact.of(FactCategory.FACT, "f" + step, 0.5);
                    target = EmbeddingTarget.fact(cached.facts().add(random.nextBoolean() ? f.learnedIn(c.id()) : f).id());
                }
                default -> {
                    if (files.isEmpty() || random.nextInt(3) == 0) {
                        Attachment file = cached.attachments().create(
                                NewAttachment.stored("f" + step + ".pdf", "application/pdf", 1, null, "s3://b/" + step));
                        files.add(file.id());
                        if (random.nextBoolean()) {
                            cached.attachments().linkToConversation(file.id(), c.id());
                        }
                    }
                    target = EmbeddingTarget.attachmentChunk(files.get(random.nextInt(files.size())), random.nextInt(4));
                }
            }
            float[] v = new float[8];
            for (int d = 0; d < v.length; d++) {
                v[d] = random.nextInt(5) - 2;   // small integers: equal scores, so the tie-break counts
            }
            v[random.nextInt(v.length)] = 1 + random.nextInt(3);
            (random.nextBoolean() ? cached : uncached).embeddings().put(target, MODEL, v);
            targets.add(target);
            if (random.nextInt(15) == 0) {
                cached.conversations().setArchived(conversations.get(random.nextInt(conversations.size())).id(),
                        random.nextBoolean());
            }
            if (random.nextInt(25) == 0) {
                uncached.embeddings().delete(targets.get(random.nextInt(targets.size())), MODEL);
            }
            for (int check = 0; check < 2; check++) {
                VectorQuery q = randomQuery(random, conversations, times);
                List<VectorHit> expected = uncached.embeddings().nearest(q);
                assertThat(cached.embeddings().nearest(q)).as("seed %d, step %d, %s: cached as uncached", seed, step, q)
                        .isEqualTo(expected);
                assertThat(tooSmall.embeddings().nearest(q)).as("seed %d, step %d, %s: too big to cache", seed, step, q)
                        .isEqualTo(expected);
                if (targets.size() < 100) {
                    assertThat(indexed.embeddings().nearest(q.approximate()))
                            .as("seed %d, step %d, %s: approximate, with or without an index yet", seed, step, q)
                            .isEqualTo(expected);
                }
            }
        }
    }

    private static VectorQuery randomQuery(Random random, List<Conversation> conversations, List<Instant> times) {
        float[] v = new float[8];
        for (int d = 0; d < v.length; d++) {
            v[d] = random.nextInt(5) - 2;
        }
        v[random.nextInt(v.length)] = 1;
        VectorQuery q = VectorQuery.of(MODEL, v, 1 + random.nextInt(30));
        if (random.nextInt(3) == 0) {
            q = q.inConversation(conversations.get(random.nextInt(conversations.size())).id());
        }
        if (random.nextInt(3) == 0) {
            List<EmbeddingKind> kinds = new ArrayList<>(List.of(EmbeddingKind.values()));
            java.util.Collections.shuffle(kinds, random);
            q = q.kinds(kinds.subList(0, 1 + random.nextInt(2)).toArray(EmbeddingKind[]::new));
        }
        if (random.nextInt(3) == 0) {
            q = q.roles(Role.values()[random.nextInt(Role.values().length)]);
        }
        if (random.nextInt(3) == 0) {
            // Bounds between whole milliseconds too: stored times are whole milliseconds.
            Instant from = times.get(random.nextInt(times.size())).plusNanos(random.nextBoolean() ? 0 : 500_000);
            Instant to = random.nextBoolean() ? null : from.plusMillis(random.nextInt(100)).plusNanos(random.nextInt(2) * 300_000);
            q = q.createdBetween(random.nextBoolean() ? from : null, to);
        }
        if (random.nextInt(3) == 0) {
            q = q.excludeArchived();
        }
        return q;
    }
}
