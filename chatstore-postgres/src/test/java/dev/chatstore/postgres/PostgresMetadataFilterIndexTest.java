package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.ConversationFilter;
import dev.chatstore.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A metadata filter over one user's 100,000 conversations reads the GIN index on metadata::jsonb
 * (migration V11) instead of every row of the user: the planner's choice for the statement the
 * store runs, and the store's answer over that many rows.
 */
class PostgresMetadataFilterIndexTest {
    private static final String USER = "filter-user";
    private static final int CONVERSATIONS = 100_000;
    private static final int RARE_EVERY = 5_000;

    @Test
    void aMetadataFilterOverAHundredThousandConversationsUsesTheMetadataIndex() throws Exception {
        String schema = TestPostgres.freshSchema();
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build();
             Connection c = TestPostgres.dataSource().getConnection(); Statement st = c.createStatement()) {
            // Rows as the store writes them; ids in UUID form, activity in creation order.
            st.execute("INSERT INTO " + schema + ".conversation (id, user_id, metadata, activity_seq, created_at, updated_at)"
                    + " SELECT " + uuid("i") + ", '" + USER + "', CASE WHEN i % " + RARE_EVERY + " = 0"
                    + " THEN json_build_object('tag', 'rare', 'i', i) ELSE json_build_object('tag', 'common', 'i', i) END,"
                    + " i, now(), now() FROM generate_series(1, " + CONVERSATIONS + ") i");
            st.execute("INSERT INTO " + schema + ".conversation (id, user_id, metadata, activity_seq, created_at, updated_at)"
                    + " SELECT " + uuid("i + 1000000") + ", 'someone-else', '{\"tag\": \"rare\"}', i + 1000000, now(), now()"
                    + " FROM generate_series(1, 1000) i");
            st.execute("ANALYZE " + schema + ".conversation");
            // This table is mostly the one user, so a sequential scan costs about what reading the user's rows
            // would; in this session only, it is taken off the table to see what the planner picks among indexes:
            // the metadata index, or walking the user's 100,000 rows in list order (what the statement prevents).
            st.execute("SET enable_seqscan = off");

            String plan = plan(st, explain(schema, "filteredPageBelow", true, Long.MAX_VALUE));
            System.out.println("EXPLAIN of the filtered listing over " + CONVERSATIONS + " conversations:\n" + plan);
            assertThat(plan).as("the filtered listing reads the metadata index").contains("conversation_metadata_path_ops")
                    .doesNotContain("conversation_by_list");
            String next = plan(st, explain(schema, "filteredPageBelow", false, 50_000));
            assertThat(next).as("so does a page past a cursor half-way down").contains("conversation_metadata_path_ops")
                    .doesNotContain("conversation_by_list");
            String back = plan(st, explain(schema, "filteredPageAbove", false, 50_000));
            assertThat(back).as("so does the listing's other direction").contains("conversation_metadata_path_ops")
                    .doesNotContain("conversation_by_list");

            st.execute("RESET enable_seqscan");
            List<String> expected = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT id FROM " + schema + ".conversation WHERE user_id = '" + USER
                    + "' AND activity_seq % " + RARE_EVERY + " = 0 ORDER BY activity_seq DESC")) {
                while (rs.next()) {
                    expected.add(rs.getString(1));
                }
            }
            List<Conversation> listed = store.forUser(USER).conversations()
                    .list(PageRequest.first(100), ConversationFilter.metadataEquals("tag", "rare")).items();
            assertThat(listed).as("the user's 20 rare conversations, newest activity first, none of another user's")
                    .extracting(Conversation::id).containsExactlyElementsOf(expected).hasSize(CONVERSATIONS / RARE_EVERY);
        }
    }

    private static String uuid(String n) {
        String h = "md5((" + n + ")::text)";
        return "substr(" + h + ", 1, 8) || '-' || substr(" + h + ", 9, 4) || '-' || substr(" + h + ", 13, 4) || '-'"
                + " || substr(" + h + ", 17, 4) || '-' || substr(" + h + ", 21, 12)";
    }

    private static String plan(Statement st, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /**
     * The store's own statement, from its SQL resources, with the arguments of a page filtered by tag = "rare": from
     * the keyset bound ({@code pinned}, {@code activitySeq}, "") in the statement's direction.
     */
    private static String explain(String schema, String name, boolean pinned, long activitySeq) throws IOException {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("userId", "'" + USER + "'");
        args.put("archived", "FALSE");
        args.put("anyPin", "TRUE");
        args.put("pinnedOnly", "FALSE");
        args.put("pinned", pinned ? "TRUE" : "FALSE");
        args.put("activitySeq", Long.toString(activitySeq));
        args.put("id", "''");
        args.put("limit", "21");
        args.put("conditions", "'[[\"eq\",\"tag\",\"rare\"]]'");
        args.put("containment", "'{\"tag\":\"rare\"}'");
        String sql = statement("dev/chatstore/postgres/sql/conversation.sql", name)
                .replace("${conversationColumns}", statement("dev/chatstore/jdbc/sql/columns.sql", "conversationColumns"))
                .replace("${conversationFilterMatches}", statement("dev/chatstore/postgres/sql/conversation_filter.sql",
                        "conversationFilterMatches"))
                .replace("${schema}", schema);
        Matcher m = Pattern.compile("(?<!:):(\\w+)").matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = args.get(m.group(1));
            assertThat(value).as("an argument for :%s", m.group(1)).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static String statement(String resource, String name) throws IOException {
        try (InputStream in = PostgresMetadataFilterIndexTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = text.indexOf("-- name: " + name + "\n");
            assertThat(start).as("statement %s in %s", name, resource).isNotNegative();
            int end = text.indexOf("-- name:", start + 1);
            StringBuilder sql = new StringBuilder();
            for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return sql.toString().strip();
        }
    }
}
