package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlCatalogTest {
    private static final Map<String, String> PLACEHOLDERS =
            Map.of("schema", "main", "nextActivitySeq", "1", "forUpdate", "");

    @Test
    void everyEngineStatementLoadsWithAllPlaceholdersResolved() {
        for (String file : new String[] {"conversation", "message", "attachment", "fact"}) {
            SqlCatalog catalog = SqlCatalog.load("dev/chatstore/jdbc/sql/" + file + ".sql", PLACEHOLDERS);
            assertThat(catalog.get("byId")).doesNotContain("${").contains("main.");
        }
    }

    @Test
    void anUnknownStatementOrPlaceholderFailsFast() {
        SqlCatalog catalog = SqlCatalog.load("dev/chatstore/jdbc/sql/message.sql", PLACEHOLDERS);
        assertThatThrownBy(() -> catalog.get("nope")).hasMessageContaining("nope");
        assertThatThrownBy(() -> SqlCatalog.load("dev/chatstore/jdbc/sql/message.sql", Map.of()))
                .hasMessageContaining("${schema}");
        assertThatThrownBy(() -> SqlCatalog.load("dev/chatstore/jdbc/sql/missing.sql", PLACEHOLDERS))
                .hasMessageContaining("missing.sql");
    }
}
