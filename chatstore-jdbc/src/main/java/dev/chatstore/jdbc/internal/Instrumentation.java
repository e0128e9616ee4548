package dev.chatstore.jdbc.internal;

import dev.chatstore.AppendOutcome;
import dev.chatstore.Appended;
import dev.chatstore.Attachments;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.Conversations;
import dev.chatstore.Embeddings;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.MemoryFacts;
import dev.chatstore.Messages;
import dev.chatstore.Personas;
import dev.chatstore.Profile;
import dev.chatstore.ProviderConfigs;
import dev.chatstore.Search;
import dev.chatstore.SearchCache;
import dev.chatstore.Settings;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreListener;
import dev.chatstore.StoreListener.Outcome;
import dev.chatstore.StoreOptions;
import dev.chatstore.UserChats;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every public operation of a store and tells the store's {@link StoreListener}s. The API views the engine
 * hands out ({@link UserChats} and what it hands out, {@link Personas}, the store's {@link Settings},
 * {@link StoreAdmin}) are proxies made here: each call of an API method is timed from entry to return, argument
 * checks and transaction retries included, under the name {@code <view>.<method>} (see {@link StoreListener}), and
 * its outcome is the exception it threw. A new method of an API interface is an operation with no change here.
 *
 * <p>Logs, under this class's name: a slow operation at WARN, a retried transaction at WARN, a failed operation
 * and a listener's exception at DEBUG (the first exception of each listener at WARN), every operation at TRACE.
 * Thread-safe.
 */
public final class Instrumentation {
    private static final Logger LOG = LoggerFactory.getLogger(Instrumentation.class);

    /** The views the engine hands out itself, by the name of the operations on them. */
    private static final Map<String, View> ROOTS = Map.of(
            "user", View.of("user", UserChats.class),
            "personas", View.of("personas", Personas.class),
            "settings", View.of("settings", Settings.class),
            "admin", View.of("admin", StoreAdmin.class));

    private final List<GuardedListener> listeners;
    private final long slowNanos;
    /** The public operation running on this thread, if any, for the retry report. */
    private final ThreadLocal<String> current = new ThreadLocal<>();

    Instrumentation(StoreOptions options) {
        this.listeners = options.listeners().stream().map(GuardedListener::new).toList();
        this.slowNanos = options.slowOperationThreshold().toNanos();
    }

    /** {@code target}, one of the views the engine hands out itself, timed: {@code user}, {@code personas}, {@code settings} or {@code admin}. */
    public <T> T observe(String view, Class<T> type, T target) {
        View v = ROOTS.get(view);
        if (v == null || v.type != type) {
            throw new IllegalArgumentException("Not a view of the API: " + view + " " + type.getName());
        }
        return type.cast(proxy(v, target));
    }

    private Object proxy(View view, Object target) {
        return Proxy.newProxyInstance(view.type.getClassLoader(), new Class<?>[] {view.type},
                new Handler(this, view, target));
    }

    /** Every operation name of the API, sorted: what a metric's {@code operation} tag can be. */
    public static Set<String> operationNames() {
        Set<String> names = new TreeSet<>();
        ROOTS.values().forEach(v -> v.collectNames(names));
        return names;
    }

    /** Tells the listeners that the store has opened. */
    public void opened(StoreAdmin admin) {
        each(l -> l.opened(admin), "opened");
    }

    /** Tells the listeners that the store has closed. */
    public void closed() {
        each(StoreListener::closed, "closed");
    }

    /**
     * A write transaction failed because concurrent transactions conflicted and is run again.
     *
     * @param description what the transaction does, for the log
     * @param attempt     the attempt that failed (1 for the first)
     * @param maxAttempts how many attempts a write gets
     * @param cause       the database's description of the failure (no values)
     */
    void retrying(String description, int attempt, int maxAttempts, String cause) {
        String operation = current.get();
        String name = operation != null ? operation : description;
        LOG.warn("Retrying {} after a conflict between concurrent transactions: attempt {} of {} failed: {}",
                operation != null ? operation + " (" + description + ")" : description, attempt, maxAttempts, cause);
        each(l -> l.retried(name), "retried");
    }

    private Object run(String operation, Object target, Method method, Object[] args) throws Throwable {
        String outer = current.get();
        current.set(operation);
        long start = System.nanoTime();
        Object result = null;
        Throwable failure = null;
        try {
            result = method.invoke(target, args);
            return result;
        } catch (InvocationTargetException e) {
            failure = e.getCause();
            throw failure;
        } finally {
            long nanos = System.nanoTime() - start;
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
            completed(operation, nanos, result, failure);
        }
    }

    private void completed(String operation, long nanos, Object result, Throwable failure) {
        Outcome outcome = Outcome.of(failure);
        if (slowNanos > 0 && nanos >= slowNanos) {
            LOG.warn("Slow operation {}: {} ms (threshold {} ms), outcome {}", operation, millis(nanos),
                    millis(slowNanos), outcome.tagValue());
        } else if (failure != null && LOG.isDebugEnabled()) {
            LOG.debug("Operation {} failed after {} ms, outcome {}: {}", operation, millis(nanos), outcome.tagValue(),
                    failure.toString());
        } else if (LOG.isTraceEnabled()) {
            LOG.trace("Operation {}: {} ms, outcome {}", operation, millis(nanos), outcome.tagValue());
        }
        if (listeners.isEmpty()) {
            return;
        }
        Duration took = Duration.ofNanos(nanos);
        each(l -> l.operationCompleted(operation, took, outcome), "operationCompleted");
        if (failure instanceof ConcurrentUpdateException || failure instanceof IdempotencyConflictException) {
            each(l -> l.conflict(operation), "conflict");
        }
        for (int i = replays(result); i > 0; i--) {
            each(l -> l.replayed(operation), "replayed");
        }
    }

    /** How many of the appended messages {@code result} holds were replays. */
    private static int replays(Object result) {
        if (result instanceof Appended appended) {
            return appended.replayed() ? 1 : 0;
        }
        if (result instanceof AppendOutcome outcome) {
            return replays(outcome.messages());
        }
        int replays = 0;
        if (result instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Appended) {
            for (Object element : list) {
                replays += replays(element);
            }
        }
        return replays;
    }

    private static String millis(long nanos) {
        long micros = TimeUnit.NANOSECONDS.toMicros(nanos);
        return micros >= 10_000 ? Long.toString(micros / 1000) : String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private void each(Consumer<StoreListener> call, String method) {
        for (GuardedListener l : listeners) {
            l.call(call, method);
        }
    }

    /** A listener whose exceptions (and errors, but the JVM's own) are logged, never thrown: WARN the first time, DEBUG after. */
    private static final class GuardedListener {
        private final StoreListener listener;
        private final AtomicBoolean failedBefore = new AtomicBoolean();

        GuardedListener(StoreListener listener) {
            this.listener = listener;
        }

        void call(Consumer<StoreListener> call, String method) {
            try {
                call.accept(listener);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // Also an Error: a listener built against another Micrometer (NoSuchMethodError), an assertion.
                if (failedBefore.compareAndSet(false, true)) {
                    LOG.warn("Store listener {} threw from {}; the store ignores it (its further exceptions are"
                            + " logged at DEBUG)", listener, method, e);
                } else {
                    LOG.debug("Store listener {} threw from {}", listener, method, e);
                }
            }
        }
    }

    /**
     * An API interface as a view: which of its methods are operations, under which names, and which hand out
     * further views (accessors, e.g. {@link UserChats#messages()}). Immutable.
     */
    private static final class View {
        final Class<?> type;
        final Map<Method, String> operations;
        final Map<Method, View> accessors;

        private View(Class<?> type, Map<Method, String> operations, Map<Method, View> accessors) {
            this.type = type;
            this.operations = operations;
            this.accessors = accessors;
        }

        /** The views {@link UserChats} hands out, by their interfaces. */
        private static final Set<Class<?>> USER_VIEWS = Set.of(Conversations.class, Messages.class,
                Attachments.class, MemoryFacts.class, Profile.class, Settings.class, ProviderConfigs.class,
                SearchCache.class, Search.class, Embeddings.class);

        static View of(String name, Class<?> type) {
            Map<Method, String> operations = new HashMap<>();
            Map<Method, View> accessors = new HashMap<>();
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                if (type == UserChats.class && m.getParameterCount() == 0 && USER_VIEWS.contains(m.getReturnType())) {
                    accessors.put(m, of(m.getName(), m.getReturnType()));
                } else if (!(type == UserChats.class && m.getName().equals("userId"))) {
                    operations.put(m, name + "." + m.getName());
                }
            }
            return new View(type, Map.copyOf(operations), Map.copyOf(accessors));
        }

        void collectNames(Set<String> names) {
            names.addAll(operations.values());
            accessors.values().forEach(v -> v.collectNames(names));
        }
    }

    /** Calls the target, timed when the method is an operation; hands out further views as proxies too. */
    private static final class Handler implements InvocationHandler {
        private final Instrumentation instrumentation;
        private final View view;
        private final Object target;
        /** The views handed out by accessors, made once; null for a view without accessors. */
        private final Map<Method, Object> children;

        Handler(Instrumentation instrumentation, View view, Object target) {
            this.instrumentation = instrumentation;
            this.view = view;
            this.target = target;
            this.children = view.accessors.isEmpty() ? null : new ConcurrentHashMap<>();
        }

        /** The engine's object behind the proxy (for tests, by reflection). */
        Object target() {
            return target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String operation = view.operations.get(method);
            if (operation != null) {
                return instrumentation.run(operation, target, method, args);
            }
            View child = view.accessors.get(method);
            if (child != null) {
                return children.computeIfAbsent(method, m -> instrumentation.proxy(child, call(m, null)));
            }
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        break;
                }
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private Object call(Method method, Object[] args) {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
