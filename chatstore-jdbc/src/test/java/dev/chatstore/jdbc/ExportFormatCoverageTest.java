package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The coverage check names what a database has that the export format lacks, and the reverse. */
class ExportFormatCoverageTest {
    @Test
    void namesNewTablesNewColumnsAndMissingOnes() {
        assertThat(ExportFormatCoverage.differences(Map.of(
                "setting", Set.of("user_id", "key", "value", "updated_at", "added_later"),
                "search_cache", Set.of("user_id", "query_hash", "query", "results", "expires_at"),
                "message", Set.of("search"),
                "new_table", Set.of("id"),
                "chatstore_schema_history", Set.of("version"))))
                .contains("column setting.added_later is not in the export format",
                        "the export format's search_cache.created_at is not in the database",
                        "table new_table is not in the export format",
                        "the export format's table conversation is not in the database")
                .doesNotContain("column message.search is not in the export format")
                .noneMatch(line -> line.contains("chatstore_schema_history"));
    }
}
