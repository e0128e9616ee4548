package dev.chatstore.micrometer;

import dev.chatstore.PoolStats;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreHealth;
import dev.chatstore.StoreListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for one chatstore store: it is the store's {@link StoreListener} and a {@link MeterBinder}.
 * Give it to the store's builder and bind it to a registry, in either order (Spring Boot's actuator binds every
 * {@code MeterBinder} bean):
 *
 * <pre>{@code
 * ChatStoreMetrics metrics = new ChatStoreMetrics();
 * SqliteChatStore store = SqliteChatStore.builder(Path.of("chat.db")).listener(metrics).build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>Every meter is tagged {@code backend} ({@code sqlite}, {@code postgresql}: {@link dev.chatstore.StoreInfo#backend()})
 * and with the tags given to the constructor; no meter is tagged with a user, a conversation or any other value.
 *
 * <ul>
 * <li>{@code chatstore.operation}, a timer per {@code operation} (e.g. {@code messages.append}, see
 *     {@link StoreListener}) and {@code outcome} ({@code success}, {@code not_found}, {@code invalid_input},
 *     {@code conflict}, {@code unavailable}, {@code error}): each public call, argument checks and retries
 *     included.</li>
 * <li>{@code chatstore.replays}, {@code chatstore.conflicts} and {@code chatstore.retries}, counters per
 *     {@code operation}: appends answered with the message already stored under their client message id;
 *     concurrent updates and idempotency conflicts that reached the caller; transactions run again after a
 *     conflict between concurrent transactions.</li>
 * <li>Gauges of {@link StoreAdmin#health()}: {@code chatstore.reachable} (1 or 0), {@code chatstore.roundtrip}
 *     (seconds), {@code chatstore.schema.pending} (migrations not applied yet), {@code chatstore.pool.active},
 *     {@code chatstore.pool.idle}, {@code chatstore.pool.max} (connections) and {@code chatstore.pool.waiting}
 *     (callers waiting for one) where the pool reports them, and {@code chatstore.wal.size} (bytes; SQLite files).
 *     The health is read at most once every 5 seconds, whatever the number of gauges and scrapes.</li>
 * </ul>
 *
 * <p>Meters appear once the store is open and this binder is bound; after the store closes,
 * {@code chatstore.reachable} is 0 and the other gauges are NaN. Thread-safe. One instance serves one store:
 * give each store its own, with a tag to tell them apart.
 */
public final class ChatStoreMetrics implements MeterBinder, StoreListener {
    static final Duration HEALTH_TTL = Duration.ofSeconds(5);

    private final Tags tags;
    private final long healthTtlNanos;
    private final List<Bound> registries = new CopyOnWriteArrayList<>();
    private volatile StoreAdmin admin;
    private volatile String backend;
    private volatile boolean closed;

    private final Object healthLock = new Object();
    private StoreHealth health;
    private long healthReadAt;

    /** Meters with the {@code backend} tag and those of the operations. */
    public ChatStoreMetrics() {
        this(Tags.empty());
    }

    /** Meters with {@code tags} too, e.g. {@code Tags.of("store", "archive")} to tell two stores apart. */
    public ChatStoreMetrics(Iterable<Tag> tags) {
        this(tags, HEALTH_TTL);
    }

    ChatStoreMetrics(Iterable<Tag> tags, Duration healthTtl) {
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
        this.healthTtlNanos = healthTtl.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Bound bound = new Bound(Objects.requireNonNull(registry, "registry"));
        registries.add(bound);
        if (admin != null) {
            bound.registerGauges();
        }
    }

    /**
     * @throws IllegalStateException if this instance already serves another store (the store logs it and goes on,
     *                               without this instance's meters)
     */
    @Override
    public void opened(StoreAdmin admin) {
        synchronized (healthLock) {
            if (this.admin != null) {
                throw new IllegalStateException("This ChatStoreMetrics already serves a store; give each store its own");
            }
            this.admin = admin;
        }
        registries.forEach(Bound::registerGauges);
    }

    @Override
    public void closed() {
        synchronized (healthLock) {
            closed = true;
            health = null;
        }
    }

    @Override
    public void operationCompleted(String operation, Duration took, Outcome outcome) {
        for (Bound b : registries) {
            b.timer(operation, outcome).record(took.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void replayed(String operation) {
        count("chatstore.replays", "Appends answered with the message already stored under their client message id",
                operation);
    }

    @Override
    public void conflict(String operation) {
        count("chatstore.conflicts", "Concurrent updates and idempotency conflicts that reached the caller", operation);
    }

    @Override
    public void retried(String operation) {
        count("chatstore.retries", "Transactions run again after a conflict between concurrent transactions",
                operation);
    }

    private void count(String name, String description, String operation) {
        for (Bound b : registries) {
            b.counter(name, description, operation).increment();
        }
    }

    /** The backend's name, read once from the store; "unknown" while it cannot be read. */
    private String backend() {
        String known = backend;
        if (known == null) {
            StoreAdmin a = admin;
            if (a == null) {
                return "unknown";
            }
            try {
                known = a.info().backend();
            } catch (RuntimeException e) {
                return "unknown";
            }
            backend = known;
        }
        return known;
    }

    /** The store's health, read from it at most once per TTL; after close, or when it cannot be read, unreachable. */
    StoreHealth health() {
        synchronized (healthLock) {
            long now = System.nanoTime();
            if (health == null || now - healthReadAt >= healthTtlNanos) {
                health = readHealth();
                healthReadAt = now;
            }
            return health;
        }
    }

    private StoreHealth readHealth() {
        StoreAdmin a = admin;
        if (a == null || closed) {
            return unreachable(closed ? "closed" : "not open");
        }
        try {
            return a.health();
        } catch (RuntimeException e) {
            return unreachable(e.toString());
        }
    }

    private static StoreHealth unreachable(String problem) {
        return new StoreHealth(false, Duration.ZERO, -1, -1, PoolStats.unknown(), -1, problem);
    }

    /** A figure of a reachable store's health, NaN when it is not reachable or the figure is not reported. */
    private static double figure(StoreHealth health, long value) {
        return health.reachable() && value >= 0 ? value : Double.NaN;
    }

    @Override
    public String toString() {
        return "ChatStoreMetrics" + tags;
    }

    /** The meters in one registry. */
    private final class Bound {
        private final MeterRegistry registry;
        private final Map<String, Timer> timers = new ConcurrentHashMap<>();
        private final Map<String, Counter> counters = new ConcurrentHashMap<>();
        private boolean gauges;

        Bound(MeterRegistry registry) {
            this.registry = registry;
        }

        Timer timer(String operation, Outcome outcome) {
            return timers.computeIfAbsent(operation + ' ' + outcome.tagValue(), key -> Timer.builder("chatstore.operation")
                    .description("Public operations of the store: each call, argument checks and retries included")
                    .tags(tags).tag("backend", backend()).tag("operation", operation).tag("outcome", outcome.tagValue())
                    .register(registry));
        }

        Counter counter(String name, String description, String operation) {
            return counters.computeIfAbsent(name + ' ' + operation, key -> Counter.builder(name)
                    .description(description)
                    .tags(tags).tag("backend", backend()).tag("operation", operation)
                    .register(registry));
        }

        /** The health gauges, once; those the store does not report (no write-ahead log, a silent pool) are left out. */
        synchronized void registerGauges() {
            if (gauges) {
                return;
            }
            gauges = true;
            Tags all = tags.and("backend", backend());
            StoreHealth now = health();
            gauge("chatstore.reachable", "Whether the database answered a round trip (1) or not (0)", null, all,
                    h -> h.reachable() ? 1 : 0);
            TimeGauge.builder("chatstore.roundtrip", ChatStoreMetrics.this, TimeUnit.NANOSECONDS,
                            m -> m.health().roundTrip().toNanos())
                    .description("How long the last health check's round trip to the database took")
                    .tags(all).strongReference(true).register(registry);
            gauge("chatstore.schema.pending", "Schema migrations this library has that the database lacks",
                    "migrations", all, h -> h.schemaVersion() < 0 ? Double.NaN : h.latestSchemaVersion() - h.schemaVersion());
            PoolStats pool = now.pool();
            if (pool.active() >= 0) {
                gauge("chatstore.pool.active", "Connections in use", "connections", all, h -> figure(h, h.pool().active()));
            }
            if (pool.idle() >= 0) {
                gauge("chatstore.pool.idle", "Connections open and free", "connections", all, h -> figure(h, h.pool().idle()));
            }
            if (pool.waiting() >= 0) {
                gauge("chatstore.pool.waiting", "Callers waiting for a connection", "threads", all,
                        h -> figure(h, h.pool().waiting()));
            }
            if (pool.max() >= 0) {
                gauge("chatstore.pool.max", "The most connections the pool opens", "connections", all,
                        h -> figure(h, h.pool().max()));
            }
            if (now.walBytes() >= 0) {
                gauge("chatstore.wal.size", "Size of the SQLite write-ahead log file", BaseUnits.BYTES, all,
                        h -> figure(h, h.walBytes()));
            }
        }

        private void gauge(String name, String description, String unit, Tags all, ToDoubleFunction<StoreHealth> value) {
            Gauge.builder(name, ChatStoreMetrics.this, m -> value.applyAsDouble(m.health()))
                    .description(description).baseUnit(unit).tags(all).strongReference(true).register(registry);
        }
    }
}
