package dev.chatstore;

import java.time.Duration;
import java.util.Locale;

/**
 * Hears what a store does, for metrics: how long each public operation took and how it ended, idempotent replays,
 * conflicts, and retried transactions. Registered with {@link ChatStoreBuilder#listener}; {@code chatstore-micrometer}
 * has one that records Micrometer meters.
 *
 * <p>Every method does nothing by default, so a listener overrides what it needs, and a method added later never
 * breaks an implementation (HikariCP's {@code IMetricsTracker}).
 *
 * <p><b>Operation names</b> are stable and few: {@code <view>.<method>}, the accessor that hands out the API
 * interface and the name of the method called on it, e.g. {@code messages.append}, {@code messages.appendAll},
 * {@code conversations.list}, {@code search.text}, {@code embeddings.nearest}, {@code admin.backupTo},
 * {@code personas.upsert}. The views are {@code conversations}, {@code messages}, {@code attachments},
 * {@code facts}, {@code profile}, {@code settings} (a user's and the store's), {@code providers},
 * {@code searchCache}, {@code search}, {@code embeddings}, {@code personas}, {@code admin}, and {@code user} for
 * {@link UserChats}' own methods ({@code user.usage}, {@code user.exportTo}, {@code user.erase}). Overloads share
 * their name. Accessors ({@code forUser}, {@code messages()} …) are not operations. No name carries a user,
 * conversation or other value, so a metric tagged with it stays small.
 *
 * <p>A store calls its listeners on the thread that made the call, once the call is over (never inside a
 * transaction). They must be thread-safe and quick. An exception a listener throws is logged and otherwise ignored:
 * it never fails the store's operation, nor keeps the store's other listeners from hearing it.
 */
public interface StoreListener {

    /**
     * The store has opened (after its migrations, when it runs them). {@code admin} is the store's operator view,
     * e.g. to read {@link StoreAdmin#health()} for gauges; what a listener calls on it is not reported as an
     * operation. Called once, before any operation.
     *
     * @param admin the store's operator view
     */
    default void opened(StoreAdmin admin) {
    }

    /**
     * A public operation returned or threw. {@code took} is the whole call as the caller saw it, argument checks
     * and transaction retries included.
     *
     * @param operation the operation's name (see the class description)
     * @param took      the call's duration
     * @param outcome   how it ended: {@link Outcome#SUCCESS}, or the kind of exception it threw
     */
    default void operationCompleted(String operation, Duration took, Outcome outcome) {
    }

    /**
     * An append was answered with the message already stored under its {@code clientMessageId} (a retried request,
     * see {@link Appended#replayed()}); once per replayed message of a batch.
     *
     * @param operation the name of the operation that appended, e.g. {@code messages.append} or
     *                  {@code messages.appendAll}
     */
    default void replayed(String operation) {
    }

    /**
     * An operation failed because of another writer or an earlier request: a {@link ConcurrentUpdateException} or an
     * {@link IdempotencyConflictException} reached the caller.
     *
     * @param operation the failed operation's name
     */
    default void conflict(String operation) {
    }

    /**
     * A transaction of {@code operation} is run again because the database reported that concurrent transactions
     * could not both proceed (a serialization failure or a deadlock); once per retry. When the attempts run out the
     * operation fails with a {@link ConcurrentUpdateException}.
     *
     * @param operation the operation's name
     */
    default void retried(String operation) {
    }

    /** The store has closed; nothing more is reported. */
    default void closed() {
    }

    /** How an operation ended: a small, fixed set, so it can tag a metric. */
    enum Outcome {
        /** It returned. */
        SUCCESS,
        /** {@link NotFoundException}: what it names does not exist (for this user). */
        NOT_FOUND,
        /** {@link InvalidInputException}: an argument was refused before the database was asked. */
        INVALID_INPUT,
        /**
         * It clashed with the stored state: {@link ConcurrentUpdateException}, {@link IdempotencyConflictException},
         * {@link AlreadyExistsException}, {@link IllegalStateTransitionException} or
         * {@link PersonaUnavailableException}.
         */
        CONFLICT,
        /** {@link StoreUnavailableException} (and {@link StorageFullException}): the database could not do it now. */
        UNAVAILABLE,
        /** Any other exception. */
        ERROR;

        /** {@return the lowercase name, e.g. {@code "not_found"}, as a metric tag} */
        public String tagValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The outcome of an operation that threw {@code failure}; {@link #SUCCESS} for null.
         *
         * @param failure what the operation threw, or null if it returned
         * @return the outcome: the most specific match by exception type, {@link #ERROR} for any other exception
         */
        public static Outcome of(Throwable failure) {
            if (failure == null) {
                return SUCCESS;
            }
            if (failure instanceof NotFoundException) {
                return NOT_FOUND;
            }
            if (failure instanceof InvalidInputException) {
                return INVALID_INPUT;
            }
            if (failure instanceof ConcurrentUpdateException || failure instanceof IdempotencyConflictException
                    || failure instanceof AlreadyExistsException || failure instanceof IllegalStateTransitionException
                    || failure instanceof PersonaUnavailableException) {
                return CONFLICT;
            }
            if (failure instanceof StoreUnavailableException) {
                return UNAVAILABLE;
            }
            return ERROR;
        }
    }
}
