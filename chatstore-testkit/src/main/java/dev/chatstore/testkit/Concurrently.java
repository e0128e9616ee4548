package dev.chatstore.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs tasks on several threads and collects what each ended with: all released at the same
 * moment ({@link #run}), or one after another, each on a thread of its own ({@link #oneAfterAnother}).
 * A run that does not finish in time fails with a dump of every thread, so a deadlock shows where
 * it is. Stateless and thread-safe; each call uses threads of its own.
 */
public final class Concurrently {
    /** How many threads the concurrency rules start: enough to collide, few enough to stay fast. */
    public static final int THREADS = 8;
    /** How long a run may take unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Concurrently() {
    }

    /** One thread's task; {@code thread} is its index, 0 to n - 1. */
    @FunctionalInterface
    public interface Task<T> {
        T run(int thread) throws Exception;
    }

    /**
     * What one thread ended with: a value, or the exception it threw (then {@code value} is null).
     *
     * @param value what the task returned
     * @param error what the task threw, or null
     */
    public record Outcome<T>(T value, Throwable error) {
        /** Whether the task returned normally. */
        public boolean ok() {
            return error == null;
        }
    }

    /** Runs {@code task} on {@code threads} threads released together, within {@link #DEFAULT_TIMEOUT}. */
    public static <T> List<Outcome<T>> run(int threads, Task<? extends T> task) {
        return run(DEFAULT_TIMEOUT, threads, task);
    }

    /** Runs {@code task} on {@code threads} threads released together. */
    public static <T> List<Outcome<T>> run(Duration timeout, int threads, Task<? extends T> task) {
        return run(timeout, Collections.nCopies(threads, task));
    }

    /**
     * Runs task {@code i} on thread {@code i}, all threads released at the same moment once every one
     * is ready, and returns the outcomes in task order.
     *
     * @throws AssertionError if the threads are not all done within {@code timeout}
     */
    public static <T> List<Outcome<T>> run(Duration timeout, List<? extends Task<? extends T>> tasks) {
        Objects.requireNonNull(timeout, "timeout");
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<? extends T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                int thread = i;
                Task<? extends T> task = tasks.get(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.run(thread);
                }));
            }
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the threads did not start within " + timeout);
            }
            go.countDown();
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<? extends T> f : futures) {
                outcomes.add(await(f, deadline - System.nanoTime(), timeout));
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the threads", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs {@code task} on {@code threads} threads one after another: thread {@code i} starts when
     * thread {@code i - 1} has finished, so the store is handed from thread to thread but never used
     * by two at once. Returns the outcomes in thread order.
     *
     * @throws AssertionError if a thread is not done within {@link #DEFAULT_TIMEOUT}
     */
    public static <T> List<Outcome<T>> oneAfterAnother(int threads, Task<? extends T> task) {
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int thread = i;
            ExecutorService single = Executors.newSingleThreadExecutor();
            try {
                Future<? extends T> f = single.submit(() -> task.run(thread));
                outcomes.add(await(f, DEFAULT_TIMEOUT.toNanos(), DEFAULT_TIMEOUT));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for thread " + thread, e);
            } finally {
                single.shutdownNow();
            }
        }
        return outcomes;
    }

    /**
     * The values of {@code outcomes}, after asserting that none failed: the first failure is thrown
     * as the cause of an AssertionError, the others suppressed in it.
     */
    public static <T> List<T> values(List<Outcome<T>> outcomes) {
        List<Throwable> errors = outcomes.stream().filter(o -> !o.ok()).map(Outcome::error).toList();
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError(errors.size() + " of " + outcomes.size()
                    + " threads failed; the first with: " + errors.get(0), errors.get(0));
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        return outcomes.stream().map(Outcome::value).toList();
    }

    private static <T> Outcome<T> await(Future<? extends T> f, long nanos, Duration timeout) throws InterruptedException {
        try {
            return new Outcome<>(f.get(Math.max(0, nanos), TimeUnit.NANOSECONDS), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a thread was not done after " + timeout
                    + "; is the store deadlocked? Threads:\n" + threadDump(), e);
        }
    }

    private static String threadDump() {
        ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        return Arrays.stream(infos).map(ThreadInfo::toString).collect(Collectors.joining());
    }
}
