package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operation names a store reports (StoreListener, and the {@code operation} tag of chatstore-micrometer's
 * meters) are {@code <view>.<method>}: few, dotted, and free of values. When one fails, look at
 * Instrumentation.View.
 */
class OperationNamesTest {

    @Test
    void everyNameIsAViewAndAMethod() {
        Set<String> names = Instrumentation.operationNames();

        assertThat(names).allMatch(n -> n.matches("[a-z][a-zA-Z]*\\.[a-z][a-zA-Z]*"), "<view>.<method>");
        assertThat(names).hasSizeBetween(100, 200);
        assertThat(names).contains("messages.append", "messages.appendAll", "messages.latest", "conversations.list",
                "conversations.create", "search.text", "search.hybrid", "embeddings.nearest", "embeddings.put",
                "facts.add", "attachments.create", "profile.upsert", "providers.put", "searchCache.put",
                "settings.put", "personas.upsert", "admin.backupTo", "admin.health", "admin.migrate", "user.usage",
                "user.exportTo", "user.erase");
    }

    /** Handing out a view reads nothing, so it is no operation. */
    @Test
    void accessorsAreNoOperations() {
        assertThat(Instrumentation.operationNames()).doesNotContain("user.userId", "user.messages",
                "user.conversations", "user.search");
    }
}
