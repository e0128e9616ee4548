package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.jdbc.UserScopeCheck;
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
 * With keys by user, every per-user statement still finds its rows through an index: each statement of the engine is
 * prepared and planned as a generic plan (parameters unknown, plan_cache_mode = force_generic_plan) with sequential scans disabled, and no plan may still read all of
 * a user's table, sequentially or through a whole index (an index scan without an index condition), which would mean
 * no index serves it. The statements that work over every user
 * ({@link UserScopeCheck#ACROSS_USERS}) are left out. When it fails: the message names the statement and the plan;
 * an index or a key of V16 lost a column order the statement needs.
 */
class PostgresUserIndexPlansTest {
    /** A scan node: sequential, or through an index (which without an Index Cond reads the whole index). */
    private static final Pattern SCAN = Pattern.compile(
            "(Seq Scan|Index Scan|Index Only Scan)(?: Backward)?(?: using \\S+)? on (\\w+)");
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-zA-Z]\\w*)");

    @Test
    void everyPerUserStatementUsesAnIndex() throws SQLException {
        String schema = TestPostgres.freshSchema();
        PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build().close();
        Map<String, String> statements = UserScopeCheck.statements(new PostgresDialect(schema));
        List<String> scans = new ArrayList<>();
        Map<String, String> notPlanned = new LinkedHashMap<>();
        int planned = 0;
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL enable_seqscan = off");
            s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            for (Map.Entry<String, String> statement : statements.entrySet()) {
                if (UserScopeCheck.ACROSS_USERS.containsKey(statement.getKey())) {
                    continue;
                }
                Map<String, Integer> numbers = new LinkedHashMap<>();
                String sql = positional(statement.getValue(), numbers);
                StringBuilder plan = new StringBuilder();
                s.execute("SAVEPOINT plan");
                try {
                    s.execute("PREPARE chatstore_plan AS " + sql);
                    try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE chatstore_plan"
                            + (numbers.isEmpty() ? "" : "(" + String.join(", ", java.util.Collections.nCopies(numbers.size(), "NULL")) + ")"))) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                    s.execute("DEALLOCATE chatstore_plan");
                    s.execute("RELEASE SAVEPOINT plan");
                } catch (SQLException e) {
                    s.execute("ROLLBACK TO SAVEPOINT plan");
                    notPlanned.put(statement.getKey(), e.getMessage());
                    continue;
                }
                planned++;
                for (String node : plan.toString().split("->")) {
                    Matcher scan = SCAN.matcher(node);
                    if (scan.find() && UserScopeCheck.USER_TABLES.contains(scan.group(2))
                            && (scan.group(1).startsWith("Seq") || !node.contains("Index Cond"))) {
                        scans.add(statement.getKey() + " reads all of " + scan.group(2) + ":\n" + plan);
                    }
                }
            }
            c.rollback();
        }
        System.out.println("planned " + planned + ", not planned " + notPlanned);
        assertThat(planned).as("statements planned").isGreaterThan(statements.size() / 2);
        assertThat(scans).as("per-user statements scanning a user's table").isEmpty();
    }

    /** :name parameters as $n, the same name the same number. */
    private static String positional(String sql, Map<String, Integer> numbers) {
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = numbers.computeIfAbsent(m.group(1), k -> numbers.size() + 1);
            m.appendReplacement(out, "\\$" + n);
        }
        m.appendTail(out);
        return out.toString();
    }
}
