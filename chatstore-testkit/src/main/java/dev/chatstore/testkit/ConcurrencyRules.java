package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.Appended;
import dev.chatstore.Attachment;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.Conversation;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.IllegalStateTransitionException;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.ProfileSpec;
import dev.chatstore.UserChats;
import dev.chatstore.testkit.Concurrently.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Guarantees that hold while many threads write at once ({@link Capability#CONCURRENT_WRITERS}):
 * one conversation per persona, one persona per name, one message per client message id, gapless
 * seqs, exact counters, one winner per status change, merges that all survive. Look at unique
 * constraints, insert-or-get and the write transaction's locking.
 *
 * <p>A store without the capability is still used from many threads, one after another (a request
 * handled on one thread, the next on another): the paired rules check the same guarantees then.
 */
public interface ConcurrencyRules extends StoreFixture {

    private static List<Throwable> errors(List<? extends Outcome<?>> outcomes) {
        return outcomes.stream().filter(o -> !o.ok()).map(Outcome::error).map(Throwable.class::cast).toList();
    }

    /**
     * Concurrent getOrCreateForPersona yields one conversation for everyone: look at the unique (user, persona) index
     * and the insert-or-get on conflict.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentGetOrCreateForPersonaYieldsOneConversation() {
        UserChats alice = alice();
        List<Outcome<List<String>>> outcomes = Concurrently.run(Concurrently.THREADS, t -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(alice.conversations().getOrCreateForPersona(NewConversation.withPersona("guide")).id());
            }
            return ids;
        });
        assertThat(errors(outcomes)).as("no call fails").isEmpty();
        Set<String> ids = new HashSet<>();
        outcomes.forEach(o -> ids.addAll(o.value()));
        assertThat(ids).as("every caller got the same conversation").hasSize(1);
        assertThat(alice.conversations().list(PageRequest.first()).items()).as("exactly one conversation stored").hasSize(1);
    }

    /**
     * Concurrent getOrCreateByExternalKey yields one conversation per key for everyone: look at the unique
     * (user, external key) index and the insert-or-get on conflict.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentGetOrCreateByExternalKeyYieldsOneConversationPerKey() {
        UserChats alice = alice();
        List<Outcome<List<String>>> outcomes = Concurrently.run(Concurrently.THREADS, t -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(alice.conversations().getOrCreateByExternalKey("memory-" + (i % 2), NewConversation.untitled()).id());
            }
            return ids;
        });
        assertThat(errors(outcomes)).as("no call fails").isEmpty();
        Set<String> ids = new HashSet<>();
        outcomes.forEach(o -> ids.addAll(o.value()));
        assertThat(ids).as("one conversation per key, the same for every caller").hasSize(2);
        assertThat(alice.conversations().list(PageRequest.first()).items()).as("exactly two conversations stored").hasSize(2);
    }

    /**
     * Concurrent creates with one persona: one wins, the rest are AlreadyExistsException: look at how the unique
     * violation is translated under contention.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentCreatesWithOnePersonaLetExactlyOneWin() {
        UserChats alice = alice();
        List<Outcome<Conversation>> outcomes = Concurrently.run(Concurrently.THREADS,
                t -> alice.conversations().create(NewConversation.withPersona("guide").withTitle("t" + t)));
        assertThat(outcomes.stream().filter(Outcome::ok).count()).as("exactly one create succeeds").isEqualTo(1);
        assertThat(errors(outcomes)).as("the others are AlreadyExistsException")
                .allMatch(e -> e instanceof AlreadyExistsException).hasSize(Concurrently.THREADS - 1);
        assertThat(alice.conversations().list(PageRequest.first()).items()).as("exactly one conversation stored").hasSize(1);
    }

    /**
     * Concurrent replays store one message and everyone gets it: look at the unique (conversation, client_message_id)
     * index and the replay lookup inside the locked append.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentReplaysOfOneClientMessageIdStoreOneMessage() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        NewMessage m = NewMessage.user("once").clientMessageId("k").metadata(Samples.richMetadata());
        List<Outcome<List<Appended>>> outcomes = Concurrently.run(Concurrently.THREADS, t -> {
            List<Appended> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(alice.messages().append(c.id(), m));
            }
            return results;
        });
        assertThat(errors(outcomes)).as("no replay fails").isEmpty();
        List<Appended> all = outcomes.stream().flatMap(o -> o.value().stream()).toList();
        assertThat(all.stream().map(a -> a.message().id()).distinct()).as("everyone got the same message").hasSize(1);
        assertThat(all.stream().filter(a -> !a.replayed())).as("exactly one append stored it").hasSize(1);
        assertThat(reload(alice, c.id()).messageCount()).as("one message stored").isEqualTo(1);
    }

    /**
     * Threads deleting the same messages at once: each message is deleted by exactly one of them
     * (the others get false), and the counters move once per message, never below zero. Look at
     * the order lock-the-conversation-then-read in delete and at the row count of the DELETE.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentDeletesOfTheSameMessagesDeleteEachOnceAndKeepCountersExact() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        say(alice, c.id(), "question");
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(append(alice, c.id(), NewMessage.assistant("reply " + i)).id());
        }
        List<Outcome<List<Boolean>>> outcomes = Concurrently.run(Concurrently.THREADS, t -> {
            List<Boolean> deleted = new ArrayList<>();
            for (String id : replies) {
                deleted.add(alice.messages().delete(id));
            }
            return deleted;
        });
        assertThat(errors(outcomes)).as("no delete fails").isEmpty();
        for (int i = 0; i < replies.size(); i++) {
            int message = i;
            assertThat(outcomes.stream().filter(o -> o.value().get(message))).as("deletes of reply %d that said true", i)
                    .hasSize(1);
        }
        Conversation after = reload(alice, c.id());
        assertThat(after.messageCount()).as("only the question is left").isEqualTo(1);
        assertThat(after.unreadCount()).as("the unread replies are gone, and never below zero").isZero();
    }

    /**
     * Concurrent appends of two payloads under one key store one; same-payload callers replay, the others conflict:
     * look at the payload comparison after a lost race.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentConflictingReplaysStoreExactlyOnePayload() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        List<Outcome<Appended>> outcomes = Concurrently.run(Concurrently.THREADS,
                t -> alice.messages().append(c.id(), NewMessage.user(t % 2 == 0 ? "even" : "odd").clientMessageId("k")));
        Message stored = alice.messages().byClientMessageId(c.id(), "k").orElseThrow(() -> new AssertionError("one must be stored"));
        assertThat(reload(alice, c.id()).messageCount()).as("one message stored").isEqualTo(1);
        for (int t = 0; t < Concurrently.THREADS; t++) {
            String content = t % 2 == 0 ? "even" : "odd";
            Outcome<Appended> o = outcomes.get(t);
            if (content.equals(stored.content())) {
                assertThat(o.error()).as("thread %d sent the stored payload, so it succeeds", t).isNull();
                assertThat(o.value().message()).as("thread %d gets the stored message", t).isEqualTo(stored);
            } else {
                assertThat(o.error()).as("thread %d sent the other payload, so it conflicts", t)
                        .isInstanceOf(IdempotencyConflictException.class);
            }
        }
    }

    /**
     * Concurrent appends to one conversation get gapless, distinct seqs and an exact count: look at the lock on the
     * conversation row around seq and counters.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentAppendsGetGaplessSeqsAndAnExactCount() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        int perThread = 20;
        List<Outcome<List<Long>>> outcomes = Concurrently.run(Concurrently.THREADS, t -> {
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                seqs.add(alice.messages().append(c.id(), NewMessage.user("t" + t + "-" + i)).message().seq());
            }
            return seqs;
        });
        assertThat(errors(outcomes)).as("no append fails").isEmpty();
        List<Long> seqs = outcomes.stream().flatMap(o -> o.value().stream()).sorted().toList();
        int total = Concurrently.THREADS * perThread;
        assertThat(seqs).as("seqs 1..%d, each once", total)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        for (Outcome<List<Long>> o : outcomes) {
            assertThat(o.value()).as("each thread's own appends get increasing seqs").isSorted();
        }
        assertThat(reload(alice, c.id()).messageCount()).as("exact count").isEqualTo(total);
    }

    /** Writers of different users at once keep every counter exact: look at lock scope, busy handling and retries. */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentWritersOfDifferentUsersKeepCountersExact() {
        List<UserChats> users = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        for (int t = 0; t < Concurrently.THREADS; t++) {
            UserChats user = store().forUser("user-" + t);
            users.add(user);
            conversations.add(newConversation(user).id());
        }
        List<Outcome<Integer>> outcomes = Concurrently.run(Concurrently.THREADS, t -> {
            UserChats user = users.get(t);
            for (int i = 0; i < 10; i++) {
                user.messages().appendAll(conversations.get(t), List.of(NewMessage.user("q" + i), NewMessage.assistant("a" + i)));
            }
            user.messages().append(conversations.get(t), NewMessage.user("again").clientMessageId("k"));
            user.messages().append(conversations.get(t), NewMessage.user("again").clientMessageId("k"));
            return t;
        });
        assertThat(errors(outcomes)).as("no write fails").isEmpty();
        for (int t = 0; t < Concurrently.THREADS; t++) {
            assertThat(reload(users.get(t), conversations.get(t)).messageCount()).as("user %d's count", t).isEqualTo(21);
            assertThat(users.get(t).conversations().list(PageRequest.first()).items())
                    .as("user %d sees one conversation", t).hasSize(1);
        }
    }

    /**
     * Concurrent status changes of one file: only legal sequences win, losers fail typed: look at the conditional
     * UPDATE of the status.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentStatusChangesLetExactlyOneWin() {
        UserChats alice = alice();
        Attachment a = storedFile(alice, "race.pdf");
        List<Outcome<Attachment>> outcomes = Concurrently.run(Concurrently.THREADS, t -> t % 2 == 0
                ? alice.attachments().markProcessing(a.id())
                : alice.attachments().markError(a.id(), "thread " + t));
        List<Attachment> winners = outcomes.stream().filter(Outcome::ok).map(Outcome::value).toList();
        assertThat(errors(outcomes)).as("losers fail with IllegalStateTransitionException or ConcurrentUpdateException")
                .allMatch(e -> e instanceof IllegalStateTransitionException || e instanceof ConcurrentUpdateException);
        Attachment stored = alice.attachments().get(a.id()).orElseThrow();
        long processingWins = winners.stream().filter(w -> w.status() == AttachmentStatus.PROCESSING).count();
        List<Attachment> errorWins = winners.stream().filter(w -> w.status() == AttachmentStatus.ERROR).toList();
        assertThat(processingWins).as("at most one markProcessing wins").isLessThanOrEqualTo(1);
        assertThat(errorWins).as("at most one markError wins").hasSizeLessThanOrEqualTo(1);
        assertThat(winners).as("someone wins").isNotEmpty();
        if (errorWins.isEmpty()) {
            assertThat(stored.status()).as("only markProcessing won, so the file is processing")
                    .isEqualTo(AttachmentStatus.PROCESSING);
        } else {
            assertThat(stored.status()).as("a markError won, so the file is in error").isEqualTo(AttachmentStatus.ERROR);
            assertThat(stored.errorText()).as("the stored error text is the winner's").isEqualTo(errorWins.get(0).errorText());
        }
    }

    /**
     * Concurrent patches of different keys (top-level and nested) all survive: look for a read-modify-write without
     * a lock or outside the transaction.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentPatchesAllSurvive() {
        UserChats alice = alice();
        Conversation c = alice.conversations().create(NewConversation.untitled().withMetadata(Map.of("nested", Map.of("seed", 0))));
        int perThread = 5;
        List<Outcome<Integer>> outcomes = Concurrently.run(Concurrently.THREADS, t -> {
            for (int i = 0; i < perThread; i++) {
                Map<String, Object> patch = new HashMap<>();
                patch.put("t" + t + "-" + i, i);
                patch.put("nested", Map.of("n" + t + "-" + i, t));
                alice.conversations().patchMetadata(c.id(), patch);
            }
            return t;
        });
        assertThat(outcomes).as("no patch fails").allMatch(Outcome::ok);
        Map<String, Object> metadata = reload(alice, c.id()).metadata();
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) metadata.get("nested");
        assertThat(metadata).as("every top-level key survives").hasSize(Concurrently.THREADS * perThread + 1);
        assertThat(nested).as("every nested key survives, and the seed").hasSize(Concurrently.THREADS * perThread + 1);
    }

    /**
     * Concurrent upserts of one name leave one persona with one id: look at the unique name index and the
     * insert-or-update on conflict.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentUpsertsOfOneNameKeepOnePersona() {
        List<Outcome<Persona>> outcomes = Concurrently.run(Concurrently.THREADS,
                t -> store().personas().upsert(PersonaSpec.of("tutor", "Tutor " + t, "x")));
        assertThat(outcomes).as("no upsert fails").allMatch(Outcome::ok);
        assertThat(outcomes.stream().map(o -> o.value().id()).distinct()).as("everyone got the same id").hasSize(1);
        List<Persona> all = store().personas().list(null, null);
        assertThat(all).as("one persona stored").hasSize(1);
        assertThat(all.get(0).displayName()).as("the stored one is one of the writes")
                .isIn(outcomes.stream().map(o -> o.value().displayName()).toList());
    }

    /**
     * Concurrent getOrCreateForPersona with a greeting yields one conversation greeted once: look at whether the
     * greeting is inserted in the creating transaction only, not by every caller that lost the race.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentGetOrCreateWithAGreetingGreetsOnce() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        UserChats alice = alice();
        List<Outcome<String>> outcomes = Concurrently.run(Concurrently.THREADS,
                t -> alice.conversations().getOrCreateForPersona(NewConversation.withPersona("tutor").withGreeting()).id());
        assertThat(outcomes).as("no call fails").allMatch(Outcome::ok);
        assertThat(outcomes.stream().map(Outcome::value).distinct()).as("one conversation for all").hasSize(1);
        String id = outcomes.get(0).value();
        assertThat(Samples.contents(alice.messages().oldestFirst(id, PageRequest.first()).items()))
                .as("greeted exactly once").containsExactly("Hello, I am tutor!");
        assertThat(reload(alice, id).messageCount()).as("counted once").isEqualTo(1);
    }

    /**
     * Concurrent merges of different keys all survive, top-level and nested: look for a read-modify-write outside
     * one transaction or without a row lock.
     */
    @Test
    @Requires(Capability.CONCURRENT_WRITERS)
    default void concurrentMergePreferencesAllSurvive() {
        alice().profile().upsert(ProfileSpec.named("Alice"));
        int perThread = 5;
        List<Outcome<Integer>> outcomes = Concurrently.run(Concurrently.THREADS, t -> {
            for (int i = 0; i < perThread; i++) {
                alice().profile().mergePreferences(Map.of("k" + t + "-" + i, i, "nested", Map.of("n" + t + "-" + i, true)));
            }
            return t;
        });
        assertThat(outcomes).as("no merge fails").allMatch(Outcome::ok);
        Map<String, Object> prefs = alice().profile().get().orElseThrow().preferences();
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) prefs.get("nested");
        assertThat(prefs).as("every top-level key survives").hasSize(Concurrently.THREADS * perThread + 1);
        assertThat(nested).as("every nested key survives").hasSize(Concurrently.THREADS * perThread);
    }

    /**
     * Without CONCURRENT_WRITERS a store is still handed from thread to thread (one request handled on one thread,
     * the next on another): appends, batches and replays made one thread after another get gapless seqs in that
     * order, exact counters, and each thread's replay of the previous thread's message is recognised. Look for state
     * tied to a thread (a ThreadLocal connection or transaction) or not published to the next one.
     */
    @Test
    @Requires(absent = Capability.CONCURRENT_WRITERS)
    default void oneThreadAfterAnotherAppendsGetGaplessSeqsAndExactCounters() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        List<Outcome<List<Appended>>> outcomes = Concurrently.oneAfterAnother(Concurrently.THREADS, t -> {
            List<Appended> results = new ArrayList<>();
            results.add(alice.messages().append(c.id(), NewMessage.user("t" + t).clientMessageId("k" + t)));
            results.addAll(alice.messages().appendAll(c.id(), List.of(NewMessage.assistant("a" + t),
                    NewMessage.tool("call-" + t, "r" + t))));
            if (t > 0) {
                results.add(alice.messages().append(c.id(), NewMessage.user("t" + (t - 1)).clientMessageId("k" + (t - 1))));
            }
            return results;
        });
        assertThat(errors(outcomes)).as("no call fails").isEmpty();
        List<Long> seqs = new ArrayList<>();
        for (int t = 0; t < Concurrently.THREADS; t++) {
            List<Appended> results = outcomes.get(t).value();
            results.subList(0, 3).forEach(a -> seqs.add(a.message().seq()));
            assertThat(results.subList(0, 3)).as("thread %d stores its own three messages", t).noneMatch(Appended::replayed);
            if (t > 0) {
                Appended replay = results.get(3);
                assertThat(replay.replayed()).as("thread %d sees thread %d's message as a replay", t, t - 1).isTrue();
                assertThat(replay.message()).as("thread %d gets thread %d's message", t, t - 1)
                        .isEqualTo(outcomes.get(t - 1).value().get(0).message());
            }
        }
        int total = Concurrently.THREADS * 3;
        assertThat(seqs).as("seqs 1..%d in the order the threads appended", total)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        Conversation read = reload(alice, c.id());
        assertThat(read.messageCount()).as("exact count").isEqualTo(total);
        assertThat(read.lastMessagePreview()).as("the last thread's last message").isEqualTo("r" + (Concurrently.THREADS - 1));
    }

    /**
     * Without CONCURRENT_WRITERS, one thread after another, everything unique is stored once: getOrCreateForPersona
     * yields one conversation, a second create with the persona is AlreadyExistsException, one client message id
     * stores one message, one persona name one persona (the last write wins), and a file's status moves through
     * legal steps only. Look for state tied to a thread or not published to the next one.
     */
    @Test
    @Requires(absent = Capability.CONCURRENT_WRITERS)
    default void oneThreadAfterAnotherEachUniqueThingIsStoredOnce() {
        UserChats alice = alice();
        List<String> got = Concurrently.values(Concurrently.oneAfterAnother(Concurrently.THREADS,
                t -> alice.conversations().getOrCreateForPersona(NewConversation.withPersona("guide")).id()));
        assertThat(new HashSet<>(got)).as("every thread got the same conversation").hasSize(1);
        List<Outcome<Conversation>> creates = Concurrently.oneAfterAnother(Concurrently.THREADS,
                t -> alice.conversations().create(NewConversation.withPersona("tutor").withTitle("t" + t)));
        assertThat(creates.get(0).ok()).as("the first create with a persona succeeds").isTrue();
        assertThat(errors(creates)).as("every later one is AlreadyExistsException")
                .hasSize(Concurrently.THREADS - 1).allMatch(e -> e instanceof AlreadyExistsException);
        assertThat(alice.conversations().list(PageRequest.first()).items()).as("two conversations stored").hasSize(2);

        Conversation c = newConversation(alice);
        NewMessage keyed = NewMessage.user("once").clientMessageId("k").metadata(Samples.richMetadata());
        List<Appended> replays = Concurrently.values(Concurrently.oneAfterAnother(Concurrently.THREADS,
                t -> alice.messages().append(c.id(), keyed)));
        assertThat(replays.get(0).replayed()).as("the first append stores the message").isFalse();
        assertThat(replays.subList(1, replays.size())).as("every later one is a replay").allMatch(Appended::replayed);
        assertThat(replays.stream().map(a -> a.message().id()).distinct()).as("all got the same message").hasSize(1);
        assertThat(reload(alice, c.id()).messageCount()).as("one message stored").isEqualTo(1);

        List<Persona> upserts = Concurrently.values(Concurrently.oneAfterAnother(Concurrently.THREADS,
                t -> store().personas().upsert(PersonaSpec.of("tutor", "Tutor " + t, "x"))));
        assertThat(upserts.stream().map(Persona::id).distinct()).as("one persona id for every upsert").hasSize(1);
        assertThat(store().personas().list(null, null)).as("one persona, as the last thread wrote it")
                .extracting(Persona::displayName).containsExactly("Tutor " + (Concurrently.THREADS - 1));

        Attachment a = storedFile(alice, "turns.pdf");
        List<Outcome<Attachment>> moves = Concurrently.oneAfterAnother(Concurrently.THREADS, t -> t % 2 == 0
                ? alice.attachments().markProcessing(a.id())
                : alice.attachments().markError(a.id(), "thread " + t));
        assertThat(moves.subList(0, 2)).as("uploading to processing, then processing to error").allMatch(Outcome::ok);
        assertThat(errors(moves)).as("error is final: every later change is IllegalStateTransitionException")
                .hasSize(Concurrently.THREADS - 2).allMatch(e -> e instanceof IllegalStateTransitionException);
        Attachment stored = alice.attachments().get(a.id()).orElseThrow();
        assertThat(stored).extracting(Attachment::status, Attachment::errorText).as("in error, with thread 1's text")
                .containsExactly(AttachmentStatus.ERROR, "thread 1");
    }

    /**
     * Without CONCURRENT_WRITERS, metadata patches and preference merges made one thread after another all survive,
     * top-level and nested: look for a merge that reads state cached on another thread.
     */
    @Test
    @Requires(absent = Capability.CONCURRENT_WRITERS)
    default void oneThreadAfterAnotherEveryPatchAndMergeSurvives() {
        UserChats alice = alice();
        Conversation c = alice.conversations().create(NewConversation.untitled().withMetadata(Map.of("nested", Map.of("seed", 0))));
        alice.profile().upsert(ProfileSpec.named("Alice"));
        int perThread = 5;
        Concurrently.values(Concurrently.oneAfterAnother(Concurrently.THREADS, t -> {
            for (int i = 0; i < perThread; i++) {
                alice.conversations().patchMetadata(c.id(), Map.of("t" + t + "-" + i, i, "nested", Map.of("n" + t + "-" + i, t)));
                alice.profile().mergePreferences(Map.of("k" + t + "-" + i, i, "nested", Map.of("n" + t + "-" + i, true)));
            }
            return t;
        }));
        Map<String, Object> metadata = reload(alice, c.id()).metadata();
        Map<String, Object> prefs = alice.profile().get().orElseThrow().preferences();
        int writes = Concurrently.THREADS * perThread;
        assertThat(metadata).as("every top-level metadata key survives").hasSize(writes + 1);
        assertThat((Map<?, ?>) metadata.get("nested")).as("every nested metadata key survives, and the seed").hasSize(writes + 1);
        assertThat(prefs).as("every top-level preference survives").hasSize(writes + 1);
        assertThat((Map<?, ?>) prefs.get("nested")).as("every nested preference survives").hasSize(writes);
    }
}
