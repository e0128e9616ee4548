package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.NewConversation;
import dev.chatstore.PageRequest;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several application nodes on one PostgreSQL database: four child JVMs ({@link AppNode}), each
 * with its own pool and store object on one schema the parent migrated, run four threads each over
 * the same users and conversations: appends with client message ids, {@code appendAll} batches,
 * appends at a read revision retried on {@link dev.chatstore.ConcurrentUpdateException}, replays of
 * earlier client ids by the same or another node (sometimes before the original), paging both
 * ways, and deletes of messages that their own node and another one may be deleting at once.
 *
 * <p>Afterwards, from the nodes' logs and the database: every client id was acknowledged with one
 * message id, and stored by exactly one call; every acknowledged message is stored exactly once as
 * acknowledged unless an acknowledged delete removed it, and each message has at most one such
 * delete; nothing unacknowledged is stored. Sequences: seqs are assigned 1..n per conversation and
 * a delete leaves its hole (the engine never reuses or renumbers a seq), so the stored seqs and the
 * deleted messages' seqs together are exactly 1..{@code last_seq}, each once. Counters:
 * {@code message_count} is the number of stored messages, {@code last_seq} the highest seq
 * acknowledged, {@code last_message_at}, preview and tip are the newest stored message's,
 * {@code unread_count} the stored assistant messages (nothing is marked read), and each message's
 * parent is the previous stored one (appends continue the tip; a delete moves children up). Every
 * node exits 0: no exception but the API's typed ones (counted by type) reached a caller, paging
 * never repeated a message or went out of order.
 *
 * <p>When it fails, look at the conversation row lock across connections (seq, counters and
 * replay lookup happen under it), the replay of a key committed by another node, and the delete's
 * re-read under the lock. {@code -Dchatstore.reliability.scale=N} multiplies the operations.
 */
class ManyAppNodesTest {
    private static final int NODES = 4;
    private static final int OPS_PER_THREAD = 150 * ConcurrencyTest.SCALE;
    private static final long NODE_TIMEOUT_SECONDS = 120L * ConcurrencyTest.SCALE;

    @TempDir
    Path dir;

    /** What the nodes reported. */
    private final Map<String, List<String[]>> acksByKey = new HashMap<>();
    private final Set<String> failedKeys = new HashSet<>();
    private final Map<String, Integer> deletes = new HashMap<>();
    private final Set<String> failedDeletes = new HashSet<>();
    private final List<String> done = new ArrayList<>();

    @Test
    void fourNodesOfFourThreadsOnSharedConversationsStoreEachAcknowledgedWriteOnce() throws Exception {
        long started = System.nanoTime();
        long seed = System.nanoTime();
        String schema = TestPostgres.freshSchema();
        List<String> conversations = new ArrayList<>();
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build()) {
            for (String user : AppNode.USERS) {
                for (int c = 0; c < AppNode.CONVERSATIONS_PER_USER; c++) {
                    conversations.add(store.forUser(user).conversations()
                            .create(NewConversation.titled(user + " " + c)).id());
                }
            }
        }
        List<Process> nodes = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            nodes.add(new ProcessBuilder(javaCommand(jdbcUrl(), schema, n, seed))
                    .redirectOutput(dir.resolve("node-" + n + ".out").toFile())
                    .redirectError(dir.resolve("node-" + n + ".err").toFile())
                    .start());
        }
        String context = "seed " + seed + ", schema " + schema;
        for (int n = 0; n < NODES; n++) {
            Process node = nodes.get(n);
            boolean exited = node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                nodes.forEach(Process::destroyForcibly);
            }
            assertThat(exited).as("%s: node %d finished within %d s", context, n, NODE_TIMEOUT_SECONDS).isTrue();
            assertThat(node.exitValue()).as("%s: node %d exits 0; its report:\n%s\nstderr:\n%s", context, n,
                    errors(n), tail(dir.resolve("node-" + n + ".err"))).isZero();
            read(dir.resolve("node-" + n + ".out"));
        }
        assertThat(done).as("every node reported its figures").hasSize(NODES);
        long acknowledged = verifyAcks(context);
        long stored = verifyDatabase(schema, conversations, context);
        done.forEach(line -> System.out.println("[reliability] ManyAppNodesTest node " + line.substring(5)));
        System.out.println("[reliability] ManyAppNodesTest: " + NODES + " nodes x " + AppNode.THREADS + " threads x "
                + OPS_PER_THREAD + " operations on " + conversations.size() + " shared conversations in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms; " + acksByKey.size()
                + " client ids (" + acknowledged + " acknowledgements), " + deletes.size() + " deleted, " + stored
                + " stored; " + failedKeys.size() + " writes and " + failedDeletes.size() + " deletes failed typed; "
                + context);
    }

    /** The server the tests use, as a URL a child JVM can connect with. */
    private static String jdbcUrl() {
        String url = System.getenv("CHATSTORE_PG_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        return TestPostgres.embedded().getJdbcUrl("postgres", "postgres");
    }

    private static List<String> javaCommand(String url, String schema, int node, long seed) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                AppNode.class.getName(), url, schema, Integer.toString(node), Integer.toString(NODES),
                Integer.toString(OPS_PER_THREAD), Long.toString(seed));
    }

    private void read(Path out) throws IOException {
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "ACK" -> acksByKey.computeIfAbsent(f[3], k -> new ArrayList<>()).add(f);
                case "DEL" -> deletes.merge(f[3], 1, Integer::sum);
                case "FAIL" -> failedKeys.add(f[3]);
                case "FAILDEL" -> failedDeletes.add(f[3]);
                case "DONE" -> done.add(line);
                default -> throw new AssertionError("unexpected line from " + out.getFileName() + ": " + line);
            }
        }
    }

    /**
     * Every client id got one message id (and seq) from every call that returned, and exactly one
     * of those calls stored it (at most one if a call for it failed); each message was deleted at
     * most once. Returns the number of acknowledgements.
     */
    private long verifyAcks(String context) {
        long acknowledged = 0;
        for (Map.Entry<String, List<String[]>> e : acksByKey.entrySet()) {
            List<String[]> acks = e.getValue();
            acknowledged += acks.size();
            assertThat(acks).as("%s: every call with client id %s got the same message and seq", context, e.getKey())
                    .extracting(a -> a[4] + " " + a[5] + " " + a[6]).containsOnly(acks.get(0)[4] + " " + acks.get(0)[5]
                            + " " + acks.get(0)[6]);
            long stored = acks.stream().filter(a -> a[7].equals("0")).count();
            if (failedKeys.contains(e.getKey())) {
                assertThat(stored).as("%s: at most one call stored %s", context, e.getKey()).isLessThanOrEqualTo(1);
            } else {
                assertThat(stored).as("%s: exactly one call stored %s", context, e.getKey()).isEqualTo(1);
            }
        }
        deletes.forEach((id, count) -> assertThat(count)
                .as("%s: only one delete of %s returned true", context, id).isEqualTo(1));
        return acknowledged;
    }

    /** A stored message, as read with plain JDBC. */
    record Row(String id, String conversationId, long seq, String parentId, String role, String content,
               String clientMessageId, Timestamp createdAt) {
    }

    /** The database holds exactly what was acknowledged, with gapless seqs but for deletes and exact counters. */
    private long verifyDatabase(String schema, List<String> conversations, String context) throws SQLException {
        Map<String, Row> byKey = new HashMap<>();
        Map<String, List<Row>> byConversation = new HashMap<>();
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, conversation_id, seq, parent_id, role, content, "
                    + "client_message_id, created_at FROM " + schema + ".message ORDER BY conversation_id, seq")) {
                while (rs.next()) {
                    Row row = new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getTimestamp(8));
                    assertThat(byKey.put(row.clientMessageId(), row)).as("%s: client id %s is stored once", context,
                            row.clientMessageId()).isNull();
                    byConversation.computeIfAbsent(row.conversationId(), k -> new ArrayList<>()).add(row);
                }
            }
            assertThat(byConversation.keySet()).as("%s: messages only in the seeded conversations", context)
                    .isSubsetOf(conversations);
            Map<String, Long> deletedSeqs = new HashMap<>();
            // Per conversation, the seqs of acknowledged messages that are gone: the only holes allowed.
            Map<String, List<Long>> deletedByConversation = new HashMap<>();
            Map<String, Long> highestAcknowledged = new HashMap<>();
            for (Map.Entry<String, List<String[]>> e : acksByKey.entrySet()) {
                String[] ack = e.getValue().get(0);
                String conversationId = ack[4];
                String id = ack[5];
                long seq = Long.parseLong(ack[6]);
                highestAcknowledged.merge(conversationId, seq, Math::max);
                Row row = byKey.get(e.getKey());
                if (deletes.containsKey(id)) {
                    assertThat(row).as("%s: %s (%s) was deleted", context, e.getKey(), id).isNull();
                    deletedSeqs.put(id, seq);
                    deletedByConversation.computeIfAbsent(conversationId, k -> new ArrayList<>()).add(seq);
                } else if (row == null) {
                    assertThat(failedDeletes).as("%s: acknowledged %s (%s) is stored, or a delete of it failed typed",
                            context, e.getKey(), id).contains(id);
                    deletedByConversation.computeIfAbsent(conversationId, k -> new ArrayList<>()).add(seq);
                } else {
                    assertThat(List.of(row.conversationId(), row.id(), Long.toString(row.seq())))
                            .as("%s: %s is stored as acknowledged", context, e.getKey())
                            .containsExactly(conversationId, id, Long.toString(seq));
                }
            }
            for (String key : byKey.keySet()) {
                assertThat(acksByKey.containsKey(key) || failedKeys.contains(key))
                        .as("%s: stored %s was acknowledged (or its call failed typed)", context, key).isTrue();
            }
            assertThat(deletes.keySet()).as("%s: every deleted message was acknowledged", context)
                    .isSubsetOf(deletedSeqs.keySet());
            try (ResultSet rs = s.executeQuery("SELECT id, message_count, last_seq, last_message_at, last_message_preview, "
                    + "unread_count, active_tip_id FROM " + schema + ".conversation")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    List<Row> rows = byConversation.getOrDefault(id, List.of());
                    verifyConversation(context, id, rows, deletedByConversation.getOrDefault(id, List.of()),
                            highestAcknowledged.getOrDefault(id, 0L), rs);
                }
            }
        }
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema)
                .migrateOnOpen(false).build()) {
            for (String user : AppNode.USERS) {
                for (Conversation conversation : store.forUser(user).conversations()
                        .list(PageRequest.first(100)).items()) {
                    assertThat(conversation.messageCount()).as("%s: the store reads the count of %s", context,
                            conversation.id()).isEqualTo(byConversation.getOrDefault(conversation.id(), List.of()).size());
                }
            }
            assertThat(store.admin().statistics().messages()).as("%s: the store-wide count", context)
                    .isEqualTo(byKey.size());
        }
        return byKey.size();
    }

    private void verifyConversation(String context, String id, List<Row> rows, List<Long> deletedSeqs,
                                    long highestAcknowledged, ResultSet counters) throws SQLException {
        long lastSeq = counters.getLong(3);
        List<Long> seqs = new ArrayList<>(rows.stream().map(Row::seq).toList());
        seqs.addAll(deletedSeqs);
        assertThat(new TreeSet<>(seqs)).as("%s: %s's stored and deleted seqs are 1..last_seq", context, id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq).boxed().toList());
        assertThat(seqs).as("%s: %s's stored and deleted seqs are each used once", context, id)
                .doesNotHaveDuplicates();
        assertThat(lastSeq).as("%s: %s's last_seq is the highest seq acknowledged", context, id)
                .isGreaterThanOrEqualTo(highestAcknowledged);
        if (failedKeys.isEmpty()) {
            assertThat(lastSeq).as("%s: %s's last_seq is the highest seq acknowledged", context, id)
                    .isEqualTo(highestAcknowledged);
        }
        assertThat(counters.getLong(2)).as("%s: %s's message_count", context, id).isEqualTo(rows.size());
        assertThat(counters.getLong(6)).as("%s: %s's unread_count is its assistant messages", context, id)
                .isEqualTo(rows.stream().filter(r -> r.role().equalsIgnoreCase("assistant")).count());
        String previous = null;
        for (Row row : rows) {
            assertThat(row.parentId()).as("%s: %s's parent is the previous stored message", context, row.id())
                    .isEqualTo(previous);
            previous = row.id();
        }
        if (rows.isEmpty()) {
            assertThat(counters.getTimestamp(4)).as("%s: %s has no last message", context, id).isNull();
            return;
        }
        Row newest = rows.get(rows.size() - 1);
        assertThat(counters.getTimestamp(4)).as("%s: %s's last_message_at is its newest message's", context, id)
                .isEqualTo(newest.createdAt());
        assertThat(counters.getString(5)).as("%s: %s's preview is its newest message's", context, id)
                .isEqualTo(newest.content().length() <= Limits.PREVIEW_LENGTH ? newest.content()
                        : newest.content().substring(0, Limits.PREVIEW_LENGTH));
        assertThat(counters.getString(7)).as("%s: %s's tip is its newest message", context, id).isEqualTo(newest.id());
    }

    private String errors(int node) throws IOException {
        return Files.readAllLines(dir.resolve("node-" + node + ".out")).stream()
                .filter(l -> l.startsWith("ERROR") || l.startsWith("DONE")).collect(Collectors.joining("\n"));
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file);
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
