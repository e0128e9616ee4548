package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.chatstore.AlreadyExistsException;
import dev.chatstore.ProfileSpec;
import dev.chatstore.jdbc.ChatStoreEngine;
import dev.chatstore.jdbc.MigrationRunner;
import dev.chatstore.jdbc.UserScopeCheck;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema can be distributed by user (Citus, distribution column {@code user_id}), read from PostgreSQL's catalog
 * after every migration, so no later migration can break it:
 * <ul>
 * <li>every table is either a user's table or a store-wide (reference) table, as listed here;</li>
 * <li>the primary key and every unique index of a user's table include {@code user_id};</li>
 * <li>every foreign key between users' tables pairs {@code user_id} with {@code user_id};</li>
 * <li>an {@code ON DELETE SET NULL} key names the columns it clears, and {@code user_id} is not one of them;</li>
 * <li>no foreign key goes from a reference table to a user's table;</li>
 * <li>the distribution script names every table exactly once, with the right kind, in an order Citus accepts.</li>
 * </ul>
 * When it fails: the message names the table and the constraint or index. A new table belongs in
 * {@link #USER_TABLES} or {@link #REFERENCE_TABLES} and in {@code citus/distribute.sql}; a new key of a user's table
 * starts with {@code user_id}.
 */
class PostgresShardKeysTest {
    static final Set<String> USER_TABLES = Set.of("conversation", "message", "attachment", "message_attachment",
            "conversation_attachment", "memory_fact", "user_profile", "setting", "provider_config", "search_cache",
            "embedding_model", "embedding");
    static final Set<String> REFERENCE_TABLES = Set.of("persona", "email_claim", "chatstore_schema_history");
    static final String SCRIPT = "dev/chatstore/postgres/citus/distribute.sql";

    private static String schema;

    @BeforeAll
    static void migrate() {
        schema = TestPostgres.freshSchema();
        PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build().close();
    }

    @Test
    void everyTableIsAUserTableOrAReferenceTable() throws SQLException {
        Set<String> expected = new TreeSet<>(USER_TABLES);
        expected.addAll(REFERENCE_TABLES);
        assertThat(tables(schema)).as("the tables of a migrated schema, each classified in this test as a user's"
                + " table (distributed by user_id) or a reference table").isEqualTo(expected);
    }

    @Test
    void everyUniqueIndexOfAUserTableIncludesUserId() throws SQLException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (UniqueIndex index : uniqueIndexes(schema)) {
            if (USER_TABLES.contains(index.table())) {
                checked++;
                if (!index.columns().contains("user_id")) {
                    violations.add(index.table() + "." + index.name() + " " + index.columns()
                            + (index.primary() ? " (primary key)" : " (unique)") + " does not include user_id");
                }
            }
        }
        assertThat(checked).as("unique indexes of users' tables found").isGreaterThanOrEqualTo(USER_TABLES.size());
        assertThat(violations).as("every primary key and unique index of a user's table includes user_id").isEmpty();
    }

    @Test
    void everyForeignKeyStaysWithinOneUserAndNoneLeavesAReferenceTableForAUserTable() throws SQLException {
        List<String> violations = new ArrayList<>();
        List<ForeignKey> keys = foreignKeys(schema);
        assertThat(keys).as("foreign keys found").hasSizeGreaterThanOrEqualTo(15);
        for (ForeignKey fk : keys) {
            violations.addAll(fk.violations());
        }
        assertThat(violations).as("foreign keys between users' tables pair user_id with user_id, a SET NULL names"
                + " its columns without user_id, and no reference table refers to a user's table").isEmpty();
    }

    /**
     * Every statement of the engine's catalogs, as PostgreSQL's dialect renders them (its overrides included), that
     * names a user's table constrains its user_id: on Citus it goes to one node. The rule and its exceptions are in
     * {@link UserScopeCheck}.
     */
    @Test
    void everyStatementAsPostgresRendersItKeepsToOneUser() {
        assertThat(UserScopeCheck.USER_TABLES).as("the engine's list of users' tables is this test's").isEqualTo(USER_TABLES);
        assertThat(UserScopeCheck.violations(new PostgresDialect(schema)))
                .as("statements naming a user's table without constraining its user_id").isEmpty();
    }

    /**
     * Emails stay unique across users without a unique index on user_profile.email: users claiming one email at once
     * end with exactly one owner, and every other gets AlreadyExistsException. Look at the claim in JdbcProfile.upsert.
     */
    @Test
    void concurrentClaimsOfOneEmailLeaveOneOwner() throws Exception {
        String racing = TestPostgres.freshSchema();
        int users = 6;
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(racing).build()) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(users);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String user = "user-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.forUser(user).profile().upsert(new ProfileSpec("same@example.com", user, true));
                        return true;
                    } catch (AlreadyExistsException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (java.util.concurrent.Future<Boolean> r : results) {
                won += r.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(won).as("users that got the email").isEqualTo(1);
            List<String> owners = new ArrayList<>();
            query("SELECT user_id FROM \"" + racing + "\".user_profile WHERE email = ?", "same@example.com",
                    rs -> owners.add(rs.getString(1)));
            List<String> claims = new ArrayList<>();
            query("SELECT user_id FROM \"" + racing + "\".email_claim WHERE email = ?", "same@example.com",
                    rs -> claims.add(rs.getString(1)));
            assertThat(owners).as("profiles with the email").hasSize(1).isEqualTo(claims);
        }
    }

    /** The rules themselves: on the schema before version 16 they find the keys version 16 replaced. */
    @Test
    void theRulesFindTheKeysOfTheSchemaBeforeVersion16() throws SQLException {
        String old = TestPostgres.freshSchema();
        PostgresDialect dialect = new PostgresDialect(old);
        Jdbi jdbi = ChatStoreEngine.configure(Jdbi.create(TestPostgres.dataSource()), dialect);
        new MigrationRunner(new PostgresDatabase(jdbi, TestPostgres.dataSource(), old), dialect, Clock.systemUTC(),
                MigrationRunner.loadMigrations("dev/chatstore/postgres/migrations").subList(0, 15))
                .migrate();
        List<String> unique = uniqueIndexes(old).stream()
                .filter(i -> USER_TABLES.contains(i.table()) && !i.columns().contains("user_id"))
                .map(i -> i.table() + "." + i.name()).toList();
        assertThat(unique).contains("message.message_pkey", "message.message_conversation_id_seq_key",
                "message.message_conversation_id_client_message_id_key", "conversation.conversation_pkey",
                "user_profile.user_profile_email_key");
        List<String> keys = foreignKeys(old).stream().flatMap(fk -> fk.violations().stream()).toList();
        assertThat(keys).anySatisfy(v -> assertThat(v).contains("message.message_conversation_id_fkey")
                .contains("does not pair user_id"));
    }

    @Test
    void theDistributionScriptNamesEveryTableOnceInAnOrderCitusAccepts() throws Exception {
        String script = script();
        Map<String, String> kinds = new LinkedHashMap<>();
        Matcher m = Pattern.compile("SELECT (create_reference_table|create_distributed_table)\\('\\$\\{schema}\\.(\\w+)'"
                + "(?:, 'user_id'(?:, colocate_with => '\\$\\{schema}\\.(\\w+)')?)?\\);").matcher(script);
        List<String> order = new ArrayList<>();
        while (m.find()) {
            assertThat(kinds.put(m.group(2), m.group(1))).as("%s is named once in the script", m.group(2)).isNull();
            order.add(m.group(2));
            if (m.group(1).equals("create_distributed_table")) {
                String colocated = m.group(3);
                if (m.group(2).equals("conversation")) {
                    assertThat(colocated).as("conversation is distributed first, on user_id").isNull();
                } else {
                    assertThat(colocated).as("%s is co-located with conversation", m.group(2)).isEqualTo("conversation");
                }
            }
        }
        Set<String> all = tables(schema);
        assertThat(kinds.keySet()).as("the script names every table of the schema").containsExactlyInAnyOrderElementsOf(all);
        for (String table : all) {
            assertThat(kinds.get(table)).as("how the script distributes %s", table)
                    .isEqualTo(USER_TABLES.contains(table) ? "create_distributed_table" : "create_reference_table");
        }
        assertThat(order.subList(0, REFERENCE_TABLES.size())).as("reference tables come first")
                .containsExactlyInAnyOrderElementsOf(REFERENCE_TABLES);
    }

    /**
     * Runs the script against a migrated schema with stand-ins for Citus's two functions that check what Citus checks
     * before distributing a table (unique indexes include the distribution column; a foreign key refers to a
     * reference table or to a co-located distributed table, on the distribution column; no ON DELETE SET NULL or SET
     * DEFAULT includes it) and record the result. Not Citus itself, which could not be installed here.
     */
    @Test
    void theDistributionScriptRunsAgainstStandInsThatCheckCitusRules() throws Exception {
        String target = TestPostgres.freshSchema();
        PostgresChatStore.builder(TestPostgres.dataSource()).schema(target).build().close();
        String stub = TestPostgres.freshSchema();
        Jdbi jdbi = Jdbi.create(TestPostgres.dataSource());
        jdbi.useTransaction(h -> {
            h.execute("CREATE SCHEMA " + stub);
            h.execute("CREATE TABLE " + stub + ".dist (rel regclass PRIMARY KEY, kind text NOT NULL)");
            h.execute("CREATE FUNCTION " + stub + ".create_reference_table(t regclass) RETURNS void LANGUAGE plpgsql AS $f$"
                    + " BEGIN"
                    + "   IF EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = t AND c.contype = 'f'"
                    + "              AND c.confrelid NOT IN (SELECT rel FROM " + stub + ".dist WHERE kind = 'reference')"
                    + "              AND c.confrelid <> t) THEN"
                    + "     RAISE EXCEPTION 'reference table % refers to a table that is not a reference table', t;"
                    + "   END IF;"
                    + "   INSERT INTO " + stub + ".dist VALUES (t, 'reference');"
                    + " END $f$");
            h.execute("CREATE FUNCTION " + stub + ".create_distributed_table(t regclass, col text,"
                    + " colocate_with text DEFAULT 'default') RETURNS void LANGUAGE plpgsql AS $f$"
                    + " DECLARE"
                    + "   k smallint := (SELECT attnum FROM pg_attribute WHERE attrelid = t AND attname = col);"
                    + "   r record;"
                    + " BEGIN"
                    + "   IF colocate_with <> 'default' AND NOT EXISTS (SELECT 1 FROM " + stub + ".dist"
                    + "       WHERE rel = colocate_with::regclass AND kind = 'distributed') THEN"
                    + "     RAISE EXCEPTION '% is co-located with %, which is not distributed yet', t, colocate_with;"
                    + "   END IF;"
                    + "   FOR r IN SELECT x.indexrelid::regclass AS name FROM pg_index x WHERE x.indrelid = t AND x.indisunique"
                    + "       AND NOT (k = ANY (x.indkey::smallint[])) LOOP"
                    + "     RAISE EXCEPTION 'unique index % of % does not include %', r.name, t, col;"
                    + "   END LOOP;"
                    + "   FOR r IN SELECT c.conname, c.confrelid, c.conkey, c.confkey, c.confdeltype FROM pg_constraint c"
                    + "       WHERE c.conrelid = t AND c.contype = 'f' LOOP"
                    + "     IF EXISTS (SELECT 1 FROM " + stub + ".dist WHERE rel = r.confrelid AND kind = 'reference') THEN"
                    + "       CONTINUE;"
                    + "     END IF;"
                    + "     IF r.confrelid <> t AND NOT EXISTS (SELECT 1 FROM " + stub + ".dist"
                    + "         WHERE rel = r.confrelid AND kind = 'distributed') THEN"
                    + "       RAISE EXCEPTION 'foreign key % of % refers to %, neither distributed nor a reference table',"
                    + "         r.conname, t, r.confrelid::regclass;"
                    + "     END IF;"
                    + "     IF array_position(r.conkey, k) IS NULL OR r.confkey[array_position(r.conkey, k)] <>"
                    + "         (SELECT attnum FROM pg_attribute WHERE attrelid = r.confrelid AND attname = col) THEN"
                    + "       RAISE EXCEPTION 'foreign key % of % does not pair % with %', r.conname, t, col, col;"
                    + "     END IF;"
                    + "     IF r.confdeltype IN ('n', 'd') THEN"
                    + "       RAISE EXCEPTION 'foreign key % of %: SET NULL or SET DEFAULT is not supported in ON DELETE"
                    + " operation when distribution key is included in the foreign key constraint', r.conname, t;"
                    + "     END IF;"
                    + "   END LOOP;"
                    + "   INSERT INTO " + stub + ".dist VALUES (t, 'distributed');"
                    + " END $f$");
        });
        String sql = script().replace("${schema}", "\"" + target + "\"");
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL search_path TO " + stub + ", pg_catalog");
            for (String statement : statements(sql)) {
                s.execute(statement);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + stub + ".dist")) {
                rs.next();
                assertThat(rs.getInt(1)).as("tables the script distributed").isEqualTo(tables(target).size());
            }
            c.rollback();
        }
    }

    /** The script's statements: comments dropped, split at semicolons (it has no quoted semicolons). */
    private static List<String> statements(String sql) {
        StringBuilder text = new StringBuilder();
        for (String line : sql.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        return Arrays.stream(text.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String script() throws IOException {
        try (InputStream in = PostgresShardKeysTest.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            assertThat(in).as("resource %s", SCRIPT).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Set<String> tables(String schema) throws SQLException {
        Set<String> tables = new TreeSet<>();
        query("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p')", schema, rs -> tables.add(rs.getString(1)));
        return tables;
    }

    record UniqueIndex(String table, String name, boolean primary, List<String> columns) {
    }

    static List<UniqueIndex> uniqueIndexes(String schema) throws SQLException {
        List<UniqueIndex> result = new ArrayList<>();
        query("SELECT t.relname, i.relname, x.indisprimary,"
                + " ARRAY(SELECT coalesce(a.attname, '(expression)') FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)"
                + "       LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.n)"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND x.indisunique",
                schema, rs -> result.add(new UniqueIndex(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        names(rs.getArray(4)))));
        return result;
    }

    record ForeignKey(String name, String table, List<String> columns, String referenced, List<String> referencedColumns,
                      String onDelete, List<String> setColumns) {
        List<String> violations() {
            List<String> found = new ArrayList<>();
            String what = "foreign key " + table + "." + name + " " + columns + " -> " + referenced + " " + referencedColumns;
            if (REFERENCE_TABLES.contains(table) && USER_TABLES.contains(referenced)) {
                found.add(what + " goes from a reference table to a user's table");
            }
            if (USER_TABLES.contains(table) && USER_TABLES.contains(referenced)) {
                int at = columns.indexOf("user_id");
                if (at < 0 || !referencedColumns.get(at).equals("user_id")) {
                    found.add(what + " does not pair user_id with user_id");
                }
                if ((onDelete.equals("n") || onDelete.equals("d")) && (setColumns.isEmpty() || setColumns.contains("user_id"))) {
                    found.add(what + " would set user_id on delete (name the columns: ON DELETE SET NULL (column))");
                }
            }
            return found;
        }
    }

    static List<ForeignKey> foreignKeys(String schema) throws SQLException {
        List<ForeignKey> result = new ArrayList<>();
        String columns = "ARRAY(SELECT a.attname FROM unnest(%s) WITH ORDINALITY k(attnum, n)"
                + " JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.attnum ORDER BY k.n)";
        query("SELECT c.conname, t.relname, " + columns.formatted("c.conkey", "c.conrelid") + ", r.relname, "
                + columns.formatted("c.confkey", "c.confrelid") + ", c.confdeltype::text, "
                + columns.formatted("coalesce(c.confdelsetcols, '{}')", "c.conrelid")
                + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid"
                + " JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = ? AND c.contype = 'f'",
                schema, rs -> result.add(new ForeignKey(rs.getString(1), rs.getString(2), names(rs.getArray(3)),
                        rs.getString(4), names(rs.getArray(5)), rs.getString(6), names(rs.getArray(7)))));
        return result;
    }

    private static List<String> names(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, String schema, RowConsumer row) throws SQLException {
        try (Connection c = TestPostgres.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
