package dev.chatstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.StoreListener.Outcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An operation's outcome is named after the kind of exception it threw; the options refuse a bad listener or threshold. */
class StoreListenerTest {

    @Test
    void eachExceptionHasItsOutcome() {
        assertThat(Outcome.of(null)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.of(new NotFoundException("x"))).isEqualTo(Outcome.NOT_FOUND);
        assertThat(Outcome.of(new InvalidInputException("arg", "bad"))).isEqualTo(Outcome.INVALID_INPUT);
        assertThat(Outcome.of(new ConcurrentUpdateException("x"))).isEqualTo(Outcome.CONFLICT);
        assertThat(Outcome.of(new IdempotencyConflictException("c", "m", null))).isEqualTo(Outcome.CONFLICT);
        assertThat(Outcome.of(new AlreadyExistsException("x"))).isEqualTo(Outcome.CONFLICT);
        assertThat(Outcome.of(new IllegalStateTransitionException("x"))).isEqualTo(Outcome.CONFLICT);
        assertThat(Outcome.of(new PersonaUnavailableException("x"))).isEqualTo(Outcome.CONFLICT);
        assertThat(Outcome.of(new StoreUnavailableException("x"))).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(Outcome.of(new StorageFullException("x"))).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(Outcome.of(new ChatStoreException("x"))).isEqualTo(Outcome.ERROR);
        assertThat(Outcome.of(new IllegalStateException("x"))).isEqualTo(Outcome.ERROR);
        assertThat(Arrays.stream(Outcome.values()).map(Outcome::tagValue))
                .containsExactly("success", "not_found", "invalid_input", "conflict", "unavailable", "error");
    }

    @Test
    void theOptionsRefuseANullListenerAndANegativeOrMissingThreshold() {
        StoreOptions d = StoreOptions.defaults();
        assertThat(d.listeners()).isEmpty();
        assertThat(d.slowOperationThreshold()).isEqualTo(Duration.ofSeconds(1));
        InvalidInput.expectInvalid("listeners", () -> new StoreOptions(d.clock(), d.maxInlineAttachmentBytes(), null,
                d.personaCacheTtl(), true, 0, 0, 1, Arrays.asList(new StoreListener() { }, null), Duration.ZERO));
        InvalidInput.expectInvalid("slowOperationThreshold", () -> new StoreOptions(d.clock(),
                d.maxInlineAttachmentBytes(), null, d.personaCacheTtl(), true, 0, 0, 1, List.of(), Duration.ofMillis(-1)));
        InvalidInput.expectInvalid("slowOperationThreshold", () -> new StoreOptions(d.clock(),
                d.maxInlineAttachmentBytes(), null, d.personaCacheTtl(), true, 0, 0, 1, List.of(), null));
    }
}
