package dev.chatstore.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs tasks on many threads released at once. Not API. */
final class Concurrently {
    /** How many threads the concurrency rules start: enough to collide, few enough to stay fast. */
    static final int THREADS = 8;
    private static final long TIMEOUT_SECONDS = 30;

    private Concurrently() {
    }

    @FunctionalInterface
    interface Task<T> {
        T run(int thread) throws Exception;
    }

    /** What one thread ended with: a value or an exception. */
    record Outcome<T>(T value, Throwable error) {
        boolean ok() {
            return error == null;
        }
    }

    /**
     * Starts {@code threads} threads, waits until all are ready, releases them together, and returns
     * each one's outcome in thread order. Fails if any thread is still running after 30 s.
     */
    static <T> List<Outcome<T>> run(int threads, Task<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.run(thread);
                }));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the worker threads did not start within " + TIMEOUT_SECONDS + " s");
            }
            go.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    outcomes.add(new Outcome<>(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    throw new AssertionError("a worker thread did not finish within " + TIMEOUT_SECONDS
                            + " s: is the store deadlocked?", e);
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the worker threads", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
