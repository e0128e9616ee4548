package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.StoreOptions;
import dev.chatstore.jdbc.Database;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionException;
import org.junit.jupiter.api.Test;

/**
 * A write the database refuses because concurrent transactions conflicted (SQLSTATE 40001, 40P01)
 * is run again after a pause, and after five attempts is a ConcurrentUpdateException; other
 * failures are not retried. The database here fails on purpose without running anything.
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
}
