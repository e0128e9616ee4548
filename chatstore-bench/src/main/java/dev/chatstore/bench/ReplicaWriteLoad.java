package dev.chatstore.bench;

import dev.chatstore.Message;
import dev.chatstore.Messages;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.ReadStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * History-page reads under a write load, timed by the wall clock (not JMH: the reads and the writes run at once and
 * the store's {@link ReadStats} are taken exactly at the start and the end of the measured span).
 * {@value #WRITERS} writer threads, users {@code 12..15}, each append user messages to its own conversation, one
 * durable transaction each, while {@value #READERS} reader threads page through the conversations newest first,
 * {@value ReplicaFixture#PAGE} messages a page: reader {@code k} reads as user {@code k} the newest
 * {@value #PAGES_PER_VISIT} pages of its own conversation, then as the next user (of all
 * {@value ReplicaFixture#USERS}, the writers' among them) that user's, and so on; the writers' conversations grow,
 * but every user gets the same number of reads, so a quarter of the reads are of writers' users.
 * A read of a writer's user must see that user's newest write, so it goes to the replica only once the replica has
 * replayed it; the others' reads need only what was there when the store opened.
 */
final class ReplicaWriteLoad {
    static final int WRITERS = 4;
    static final int READERS = 12;
    /** Pages a reader reads of one user's conversation before the next user's: as many as it held at the start. */
    static final int PAGES_PER_VISIT = ReplicaFixture.MESSAGES / ReplicaFixture.PAGE;

    private ReplicaWriteLoad() {
    }

    /** One measured span: reads and writes per second, and where the store sent the reads. */
    record Result(double readsPerSecond, double writesPerSecond, long pages, long messages, long writes,
                  long primaryReads, long replicaReads, double seconds, long lagBytesAtEnd) {
        double replicaShare() {
            long total = primaryReads + replicaReads;
            return total == 0 ? 0 : (double) replicaReads / total;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reads_per_s", readsPerSecond);
            m.put("writes_per_s", writesPerSecond);
            m.put("pages", pages);
            m.put("messages", messages);
            m.put("writes", writes);
            m.put("read_stats_primary", primaryReads);
            m.put("read_stats_replica", replicaReads);
            m.put("replica_share", replicaShare());
            m.put("seconds", seconds);
            m.put("replica_lag_bytes_at_end", lagBytesAtEnd);
            return m;
        }
    }

    /** Runs the load through {@code store} for {@code warmUpMillis}, then measures it for {@code measureMillis}. */
    static Result run(ReplicaFixture fixture, PostgresChatStore store, long warmUpMillis, long measureMillis)
            throws InterruptedException {
        LongAdder pages = new LongAdder();
        LongAdder messages = new LongAdder();
        LongAdder writes = new LongAdder();
        AtomicLong requests = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int user = ReplicaFixture.USERS - WRITERS + w;
            Messages writer = fixture.messagesOf(store, user);
            String conversationId = fixture.conversations.get(user);
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    long n = requests.incrementAndGet();
                    writer.append(conversationId, NewMessage.user(Texts.text(n)).clientMessageId("load-" + n));
                    writes.increment();
                }
            }, "replica-load-writer-" + w));
        }
        for (int r = 0; r < READERS; r++) {
            int first = r;
            threads.add(new Thread(() -> {
                int user = first;
                String cursor = null;
                int visited = 0;
                while (!stop.get()) {
                    Messages reader = fixture.messagesOf(store, user);
                    String conversationId = fixture.conversations.get(user);
                    Page<Message> page = cursor == null
                            ? reader.newestFirst(conversationId, PageRequest.first(ReplicaFixture.PAGE))
                            : reader.newestFirst(conversationId, PageRequest.at(cursor, ReplicaFixture.PAGE));
                    pages.increment();
                    messages.add(page.items().size());
                    if (page.hasNext() && ++visited < PAGES_PER_VISIT) {
                        cursor = page.nextCursor();
                    } else {
                        cursor = null;
                        visited = 0;
                        user = (user + 1) % ReplicaFixture.USERS;
                    }
                }
            }, "replica-load-reader-" + r));
        }
        for (Thread t : threads) {
            t.setUncaughtExceptionHandler((th, e) -> {
                failure.compareAndSet(null, e);
                stop.set(true);
            });
            t.start();
        }
        Thread.sleep(warmUpMillis);
        ReadStats before = store.readStats();
        long p0 = pages.sum();
        long m0 = messages.sum();
        long w0 = writes.sum();
        long start = System.nanoTime();
        Thread.sleep(measureMillis);
        ReadStats after = store.readStats();
        long p1 = pages.sum();
        long m1 = messages.sum();
        long w1 = writes.sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        long lag = fixture.lagBytes();
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The write-load run failed", failure.get());
        }
        return new Result((p1 - p0) / seconds, (w1 - w0) / seconds, p1 - p0, m1 - m0, w1 - w0,
                after.primary() - before.primary(), after.replica() - before.replica(), seconds, lag);
    }
}
