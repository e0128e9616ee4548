package dev.chatstore.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs tasks on threads that are all released at the same moment, and collects what each ended
 * with. A run that does not finish in time fails with a dump of every thread, so a deadlock shows
 * where it is. Not thread-safe; one run per call.
 */
final class Contention {

    /** One thread's task; {@code thread} is its index, 0 to n - 1. */
    @FunctionalInterface
    interface Task<T> {
        T run(int thread) throws Exception;
    }

    /** What one thread ended with: a value, or the exception it threw. */
    record Outcome<T>(T value, Throwable error) {
        boolean ok() {
            return error == null;
        }
    }

    private Contention() {
    }

    /**
     * Runs {@code tasks}, task {@code i} on thread {@code i}, all released together; returns the
     * outcomes in task order.
     *
     * @throws AssertionError if the tasks are not all done after {@code timeoutSeconds}
     */
    static <T> List<Outcome<T>> run(long timeoutSeconds, List<Task<? extends T>> tasks) {
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
            if (!ready.await(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("the threads did not start within " + timeoutSeconds + " s");
            }
            go.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<? extends T> f : futures) {
                try {
                    outcomes.add(new Outcome<>(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    throw new AssertionError("the threads were not done after " + timeoutSeconds
                            + " s; is the store deadlocked? Threads:\n" + threadDump(), e);
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the threads", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the same task on {@code threads} threads. */
    static <T> List<Outcome<T>> run(long timeoutSeconds, int threads, Task<? extends T> task) {
        List<Task<? extends T>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            tasks.add(task);
        }
        return run(timeoutSeconds, tasks);
    }

    /** The values of the outcomes, after asserting that none failed (the first failure is rethrown with the others suppressed). */
    static <T> List<T> values(List<Outcome<T>> outcomes) {
        List<Throwable> errors = outcomes.stream().filter(o -> !o.ok()).map(Outcome::error).toList();
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError(errors.size() + " of " + outcomes.size()
                    + " threads failed; the first with: " + errors.get(0), errors.get(0));
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        return outcomes.stream().map(Outcome::value).toList();
    }

    private static String threadDump() {
        ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        return Arrays.stream(infos).map(ThreadInfo::toString).collect(Collectors.joining());
    }
}
