package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.chatstore.ChatStore;
import dev.chatstore.ChatStoreBuilder;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.Settings;
import dev.chatstore.StoreListener;
import dev.chatstore.StoreOptions;
import dev.chatstore.jdbc.Database;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionException;
import org.junit.jupiter.api.Test;

/**
 * A write the database refuses because concurrent transactions conflicted (SQLSTATE 40001, 40P01)
 * is run again after a pause, and after five attempts is a ConcurrentUpdateException; other
 * failures are not retried. Each retry is logged at WARN and reported to the store's listeners under the
 * public operation that ran the write. The database here fails on purpose without running anything.
 */
class StoreContextRetryTest {

    /** Fails the first {@code failures} transactions with the given SQLSTATE, then runs the work without a handle. */
    private static final class FailingDatabase implements Database {
        final AtomicInteger attempts = new AtomicInteger();
        final int failures;
        final String sqlState;

        FailingDatabase(int failures, String sqlState) {
            this.failures = failures;
            this.sqlState = sqlState;
        }

        @Override
        public <T> T write(HandleCallback<T, RuntimeException> work) {
            if (attempts.incrementAndGet() <= failures) {
                throw new TransactionException("commit", new SQLException("could not serialize access", sqlState));
            }
            return work.withHandle(null);
        }

        @Override
        public <T> T read(HandleCallback<T, RuntimeException> work) {
            return write(work);
        }

        @Override
        public dev.chatstore.jdbc.Operations operations() {
            throw new UnsupportedOperationException("not needed to test retries");
        }

        @Override
        public void close() {
        }
    }

    private static StoreContext context(Database db) {
        return new StoreContext(db, new TestDialect(null), StoreOptions.defaults(), List.of());
    }

    @Test
    void aTransientConflictIsRunAgainUntilItSucceeds() {
        FailingDatabase db = new FailingDatabase(3, "40001");
        String result = context(db).write("test a retry", h -> "done");
        assertThat(result).isEqualTo("done");
        assertThat(db.attempts).hasValue(4);
    }

    @Test
    void afterFiveAttemptsAConflictIsAConcurrentUpdateException() {
        FailingDatabase db = new FailingDatabase(Integer.MAX_VALUE, "40001");
        assertThatThrownBy(() -> context(db).write("test a retry", h -> "never"))
                .isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining("test a retry")
                .hasCauseInstanceOf(SQLException.class);
        assertThat(db.attempts).hasValue(5);
    }

    @Test
    void otherFailuresAreNotRetried() {
        FailingDatabase db = new FailingDatabase(Integer.MAX_VALUE, "42601");
        assertThatThrownBy(() -> context(db).write("test a retry", h -> "never"))
                .isNotInstanceOf(ConcurrentUpdateException.class);
        assertThat(db.attempts).hasValue(1);
    }

    /** Each retry: a WARN naming the operation and the attempt, and {@code retried} under the public operation's name. */
    @Test
    void aRetryIsLoggedAndReportedUnderThePublicOperation() {
        Events events = new Events();
        StoreContext ctx = new StoreContext(new FailingDatabase(2, "40001"), new TestDialect(null),
                new OptionsBuilder().listener(events).get(), List.of());
        Settings settings = ctx.instrumentation.observe("settings", Settings.class, new WritingSettings(ctx));
        try (LogCapture log = new LogCapture(Level.WARN)) {
            settings.put("theme", "dark");

            assertThat(log.lines(Level.WARN)).containsExactly(
                    "Instrumentation: Retrying settings.put (store a setting) after a conflict between concurrent"
                            + " transactions: attempt 1 of 5 failed: test",
                    "Instrumentation: Retrying settings.put (store a setting) after a conflict between concurrent"
                            + " transactions: attempt 2 of 5 failed: test");
        }
        assertThat(events.list).containsExactly("retried settings.put", "retried settings.put",
                "completed settings.put success");
    }

    /** Out of attempts, the ConcurrentUpdateException the caller gets is a conflict to the listeners. */
    @Test
    void aConflictThatOutlastsTheRetriesIsReportedAsAConflict() {
        Events events = new Events();
        StoreContext ctx = new StoreContext(new FailingDatabase(Integer.MAX_VALUE, "40001"), new TestDialect(null),
                new OptionsBuilder().listener(events).get(), List.of());
        Settings settings = ctx.instrumentation.observe("settings", Settings.class, new WritingSettings(ctx));

        assertThatThrownBy(() -> settings.put("theme", "dark")).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(events.list).containsExactly("retried settings.put", "retried settings.put",
                "retried settings.put", "retried settings.put", "completed settings.put conflict", "conflict settings.put");
    }

    /** What a listener hears, in order. */
    private static final class Events implements StoreListener {
        final List<String> list = new CopyOnWriteArrayList<>();

        @Override
        public void operationCompleted(String operation, Duration took, Outcome outcome) {
            assertThat(took).isPositive();
            list.add("completed " + operation + " " + outcome.tagValue());
        }

        @Override
        public void conflict(String operation) {
            list.add("conflict " + operation);
        }

        @Override
        public void retried(String operation) {
            list.add("retried " + operation);
        }
    }

    /** The shared options as a backend's builder makes them. */
    private static final class OptionsBuilder extends ChatStoreBuilder<ChatStore, OptionsBuilder> {
        @Override
        public ChatStore build() {
            throw new UnsupportedOperationException("only the options");
        }

        StoreOptions get() {
            return options();
        }
    }

    /** Settings whose put is one write transaction, as the engine's are. */
    private static final class WritingSettings implements Settings {
        private final StoreContext ctx;

        WritingSettings(StoreContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void put(String key, Object value) {
            ctx.write("store a setting", h -> null);
        }

        @Override
        public Optional<Object> get(String key) {
            return Optional.empty();
        }

        @Override
        public Map<String, Object> all() {
            return Map.of();
        }

        @Override
        public boolean remove(String key) {
            return false;
        }
    }
}
