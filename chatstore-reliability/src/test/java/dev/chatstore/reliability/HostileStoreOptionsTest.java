package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.InvalidInputException;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import dev.chatstore.sqlite.SqliteChatStore;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The store builders reject hostile options before they open anything. (Hostile input to the
 * stores' operations is the conformance kit's {@code HostileInputRules}, run on every backend.)
 * When one fails, look at the builder's {@code build()} checks.
 */
class HostileStoreOptionsTest {

    /** The PostgreSQL schema name is checked, never spliced into SQL as given. */
    @Test
    void postgresBuilderRejectsSchemaNamesThatAreNotPlainIdentifiers() {
        for (String schema : Arrays.asList(null, "", "Chat", "chat; DROP SCHEMA public CASCADE", "x\"y", "1abc",
                "s".repeat(64), "chat store", "chat\0")) {
            Throwable thrown = catchThrowable(() -> PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build());
            assertThat(thrown).as("schema %s", schema == null ? "null" : "\"" + schema.replace("\0", "\\0") + "\"")
                    .isInstanceOf(InvalidInputException.class);
            InvalidInputException e = (InvalidInputException) thrown;
            assertThat(e.argument()).as("names the schema").isEqualTo("schema");
            assertThat(e.getMessage()).as("the message names it too").startsWith("schema: ");
            assertThat(e.getCause()).as("rejected before the database was asked").isNull();
        }
    }

    /** Negative limits and durations are InvalidInputException. */
    @Test
    void sqliteBuilderRejectsNegativeLimitsAndDurations() {
        assertThat(catchThrowable(() -> SqliteChatStore.inMemoryBuilder().maxInlineAttachmentBytes(-1).build()))
                .as("a negative inline limit").isInstanceOf(InvalidInputException.class);
        assertThat(catchThrowable(() -> SqliteChatStore.inMemoryBuilder().personaCacheTtl(Duration.ofSeconds(-1)).build()))
                .as("a negative persona cache TTL").isInstanceOf(InvalidInputException.class);
    }
}
