package dev.chatstore.testkit;

import java.util.List;

/** Strings that are SQL in disguise. As data they are valid and must be stored verbatim. Not API. */
final class SqlInjections {
    static final List<String> STRINGS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE message; --",
            "\"; DROP TABLE conversation; --",
            "1; DELETE FROM memory_fact WHERE 1=1",
            "Robert'); DROP TABLE users;--",
            "%' OR user_id LIKE '%",
            "\\'; SELECT pg_sleep(5); --",
            "' UNION SELECT * FROM chatstore_schema_history --",
            "$$; DROP SCHEMA public CASCADE; $$",
            "${schema}.message",
            ":userId OR 1=1",
            "?; --",
            "/* */ OR /* */ 1=1",
            "admin'--");

    private SqlInjections() {
    }
}
