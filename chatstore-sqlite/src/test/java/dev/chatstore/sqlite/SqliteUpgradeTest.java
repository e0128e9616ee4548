package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.Appended;
import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.FactCategory;
import dev.chatstore.Message;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.ProfileSpec;
import dev.chatstore.SearchHit;
import dev.chatstore.TextQuery;
import dev.chatstore.UserChats;
import dev.chatstore.jdbc.MigrationRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database created by the first migration set, holding data, upgrades in place to the current schema. */
class SqliteUpgradeTest {
    static final String CONVERSATION = "01900000-0000-7000-8000-000000000001";
    static final String REQUEST = "01900000-0000-7000-8000-000000000002";
    static final String REPLY = "01900000-0000-7000-8000-000000000003";

    @TempDir
    Path dir;

    @Test
    void aVersion1DatabaseWithDataUpgradesInPlaceAndKeepsWorking() throws Exception {
        Path file = dir.resolve("v1.db");
        try (SqliteChatStore store = SqliteChatStore.builder(file).migrateOnOpen(false).build()) {
            MigrationRunner v1Only = new MigrationRunner(store.databaseForTests(), new SqliteDialect(), Clock.systemUTC(),
                    MigrationRunner.loadMigrations("dev/chatstore/sqlite/migrations").subList(0, 1));
            v1Only.migrate();
            store.writerJdbiForTests().useHandle(SqliteUpgradeTest::insertVersion1Rows);
            assertThat(store.admin().schemaVersion()).isEqualTo(1);
        }

        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            assertThat(store.admin().schemaVersion()).isEqualTo(store.admin().latestSchemaVersion()).isGreaterThan(1);
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().get(CONVERSATION).orElseThrow();
            assertThat(c.title()).isEqualTo("Before the upgrade");
            assertThat(c.messageCount()).isEqualTo(2);
            assertThat(c.lastMessagePreview()).as("preview backfilled from the newest message").isEqualTo("Hello, Alice.");
            assertThat(c.activeTipId()).as("the newest message is the tip").isEqualTo(REPLY);
            assertThat(c.unreadCount()).as("old history counts as read").isZero();

            Message reply = alice.messages().get(REPLY).orElseThrow();
            assertThat(reply.parentId()).as("linear history became one branch").isEqualTo(REQUEST);
            assertThat(reply.replyToId()).isEqualTo(REQUEST);
            assertThat(alice.messages().branch(CONVERSATION, PageRequest.first()).items())
                    .extracting(Message::id).containsExactly(REPLY, REQUEST);

            Appended replay = alice.messages().append(CONVERSATION, NewMessage.user("Hi").clientMessageId("req-1"));
            assertThat(replay.replayed()).as("a request stored before the upgrade is still recognised").isTrue();
            assertThat(replay.message().id()).isEqualTo(REQUEST);

            Message next = alice.messages().append(CONVERSATION, NewMessage.user("Still here?")).message();
            assertThat(next.seq()).isEqualTo(3);
            assertThat(next.parentId()).isEqualTo(REPLY);
            assertThat(alice.conversations().list(PageRequest.first()).items()).extracting(Conversation::id)
                    .containsExactly(CONVERSATION);
        }
    }

    /** Text stored before V15 (one word per run of ideographs) is found character by character after it. */
    @Test
    void version15ReindexesTheTextAlreadyStored() throws Exception {
        Path file = dir.resolve("v13.db");
        String messageId;
        String titleId;
        String factId;
        String fileId;
        try (SqliteChatStore store = SqliteChatStore.builder(file).migrateOnOpen(false).build()) {
            new MigrationRunner(store.databaseForTests(), new SqliteDialect(), Clock.systemUTC(),
                    MigrationRunner.loadMigrations("dev/chatstore/sqlite/migrations").stream()
                            .filter(m -> m.version() < 15).toList()).migrate();
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("大阪旅行の計画"));
            titleId = c.id();
            messageId = alice.messages().append(c.id(), NewMessage.user("東京都に住んでいます")).message().id();
            factId = alice.facts().add(NewFact.of(FactCategory.FACT, "京都の大学で日本語を勉強した", 0.5)).id();
            Attachment stored = alice.attachments().create(NewAttachment.stored("a.txt", "text/plain", 1, null, "s3://b/a"));
            alice.attachments().markProcessing(stored.id());
            fileId = alice.attachments().markReady(stored.id(), "서울특별시 지도", 2).id();
            assertThat(ids(alice, "東京")).as("before V15, a run of ideographs is one word").isEmpty();
        }
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            UserChats alice = store.forUser("alice");
            assertThat(ids(alice, "東京")).containsExactly(messageId);
            assertThat(ids(alice, "旅行")).containsExactly(titleId);
            assertThat(ids(alice, "日本語")).containsExactly(factId);
            assertThat(ids(alice, "특별")).containsExactly(fileId);
            Message later = alice.messages().append(titleId, NewMessage.user("東京タワー")).message();
            assertThat(ids(alice, "東京")).containsExactlyInAnyOrder(messageId, later.id());
            alice.messages().delete(messageId);
            assertThat(ids(alice, "東京")).as("a row indexed by the rebuild is deleted from the index").containsExactly(later.id());
        }
    }

    /**
     * Version 16 rebuilds the users' tables with keys by user: every row of every table is kept, rowids included (the
     * full-text indexes are keyed by them), the links still cascade or clear, the triggers still work, emails stay
     * unique across users, and no foreign key is broken.
     */
    @Test
    void version16KeepsEveryRowItsFullTextEntryAndItsLinks() throws Exception {
        Path file = dir.resolve("v15.db");
        String conversation;
        String request;
        String reply;
        String factId;
        String fileId;
        Map<String, Long> before;
        long modelVersion;
        try (SqliteChatStore store = SqliteChatStore.builder(file).migrateOnOpen(false).build()) {
            new MigrationRunner(store.databaseForTests(), new SqliteDialect(), Clock.systemUTC(),
                    MigrationRunner.loadMigrations("dev/chatstore/sqlite/migrations").stream()
                            .filter(m -> m.version() < 16).toList()).migrate();
            UserChats alice = store.forUser("alice");
            Attachment stored = alice.attachments().create(NewAttachment.stored("a.txt", "text/plain", 1, null, "s3://b/a"));
            alice.attachments().markProcessing(stored.id());
            fileId = alice.attachments().markReady(stored.id(), "harbour map", 2).id();
            conversation = alice.conversations().create(NewConversation.titled("Lighthouse trip")).id();
            request = alice.messages().append(conversation, NewMessage.user("Where is the lighthouse?")).message().id();
            reply = alice.messages().append(conversation, NewMessage.assistant("North of the harbour.").replyTo(request))
                    .message().id();
            factId = alice.facts().add(NewFact.of(FactCategory.PREFERENCE, "Likes the lighthouse", 0.8)
                    .learnedFrom(conversation, request)).id();
            String active = conversation;
            String linked = request;
            // As the store wrote a profile and a file's links before version 16 (whose keys the engine now names).
            store.writerJdbiForTests().useHandle(h -> {
                h.execute("INSERT INTO user_profile (user_id, email, display_name, active, preferences,"
                        + " active_conversation_id, created_at, updated_at)"
                        + " VALUES ('alice', 'alice@example.com', 'Alice', 1, '{}', ?, 1, 1)", active);
                h.execute("INSERT INTO message_attachment (message_id, attachment_id, user_id) VALUES (?, ?, 'alice')",
                        linked, fileId);
                h.execute("INSERT INTO conversation_attachment (conversation_id, attachment_id, user_id, linked_at, explicit)"
                        + " VALUES (?, ?, 'alice', 1, 0)", active, fileId);
            });
            alice.embeddings().put(EmbeddingTarget.message(request), "m", new float[] {1, 0}, null);
            alice.embeddings().put(EmbeddingTarget.fact(factId), "m", new float[] {0, 1}, null);
            alice.embeddings().put(EmbeddingTarget.attachmentChunk(fileId, 0), "m", new float[] {1, 1}, "harbour map");
            store.forUser("bob").conversations().create(NewConversation.titled("Bob's"));
            before = rowCounts(store);
            modelVersion = store.writerJdbiForTests().withHandle(h -> h.createQuery(
                    "SELECT version FROM embedding_model WHERE user_id = 'alice'").mapTo(Long.class).one());
        }
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            assertThat(store.admin().schemaVersion()).isGreaterThanOrEqualTo(16);
            Map<String, Long> after = rowCounts(store);
            after.remove("email_claim");
            after.remove("chatstore_schema_history");
            before.remove("chatstore_schema_history");
            assertThat(after).as("every table keeps every row").isEqualTo(before);
            store.writerJdbiForTests().useHandle(h -> {
                assertThat(h.createQuery("PRAGMA foreign_key_check").mapToMap().list()).as("no broken foreign key").isEmpty();
                for (String fts : List.of("message_fts", "conversation_fts", "memory_fact_fts", "attachment_fts")) {
                    h.execute("INSERT INTO " + fts + " (" + fts + ") VALUES ('integrity-check')");
                }
            });
            UserChats alice = store.forUser("alice");
            assertThat(ids(alice, "lighthouse")).as("the full-text index still matches the rebuilt tables")
                    .containsExactlyInAnyOrder(conversation, request, factId);
            assertThat(ids(alice, "harbour")).contains(reply, fileId);
            assertThat(alice.messages().get(reply).orElseThrow().replyToId()).isEqualTo(request);
            assertThat(alice.profile().get().orElseThrow().activeConversationId()).isEqualTo(conversation);
            assertThat(alice.attachments().get(fileId)).isPresent();
            assertThatThrownBy(() -> store.forUser("bob").profile().upsert(new ProfileSpec("alice@example.com", "Bob", true)))
                    .as("the email kept its owner").isInstanceOf(AlreadyExistsException.class);

            alice.embeddings().put(EmbeddingTarget.message(reply), "m", new float[] {1, 0}, null);
            long version = store.writerJdbiForTests().withHandle(h -> h.createQuery(
                    "SELECT version FROM embedding_model WHERE user_id = 'alice'").mapTo(Long.class).one());
            assertThat(version).as("the embedding triggers are back").isGreaterThan(modelVersion);

            assertThat(alice.messages().delete(request)).isTrue();
            assertThat(alice.messages().get(reply).orElseThrow().replyToId()).as("ON DELETE SET NULL").isNull();
            assertThat(alice.facts().get(factId).orElseThrow().sourceMessageId()).isNull();
            assertThat(alice.embeddings().get(EmbeddingTarget.message(request), "m")).as("CASCADE by (user_id, message_id)")
                    .isEmpty();
            assertThat(ids(alice, "lighthouse")).containsExactlyInAnyOrder(conversation, factId);
            assertThat(alice.conversations().delete(conversation)).isTrue();
            assertThat(alice.profile().get().orElseThrow().activeConversationId()).isNull();
            assertThat(alice.facts().get(factId).orElseThrow().sourceConversationId()).isNull();
            assertThat(rowCounts(store).get("message")).as("messages cascade with their conversation").isZero();
        }
    }

    private static Map<String, Long> rowCounts(SqliteChatStore store) {
        return store.writerJdbiForTests().withHandle(h -> {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'").mapTo(String.class).list()) {
                counts.put(table, h.createQuery("SELECT count(*) FROM \"" + table + "\"").mapTo(Long.class).one());
            }
            return counts;
        });
    }

    private static List<String> ids(UserChats user, String text) {
        return user.search().text(TextQuery.of(text), PageRequest.first(50)).items().stream().map(SearchHit::id).toList();
    }

    /** Rows as chatstore 0.1 (schema version 1) wrote them. */
    static void insertVersion1Rows(Handle h) {
        long t = 1_750_000_000_000L;
        h.execute("INSERT INTO conversation (id, user_id, persona_id, title, metadata, message_count, last_seq,"
                + " last_message_at, activity_seq, created_at, updated_at) VALUES (?, 'alice', NULL,"
                + " 'Before the upgrade', '{}', 2, 2, ?, 2, ?, ?)", CONVERSATION, t + 1, t, t + 1);
        h.execute("INSERT INTO message (id, conversation_id, user_id, seq, role, content, metadata, client_message_id,"
                + " payload_hash, reply_to_id, created_at) VALUES (?, ?, 'alice', 1, 'user', 'Hi', '{}', 'req-1', ?, NULL, ?)",
                REQUEST, CONVERSATION, version1Hash("user", "Hi"), t);
        h.execute("INSERT INTO message (id, conversation_id, user_id, seq, role, content, metadata, client_message_id,"
                + " payload_hash, reply_to_id, created_at) VALUES (?, ?, 'alice', 2, 'assistant', 'Hello, Alice.', '{}',"
                + " NULL, NULL, ?, ?)", REPLY, CONVERSATION, REQUEST, t + 1);
    }

    /** The payload fingerprint as schema version 1 computed it: SHA-256 of the key-sorted canonical JSON. */
    static String version1Hash(String role, String content) {
        String canonical = "{\"attachments\":[],\"content\":\"" + content + "\",\"metadata\":{},\"replyTo\":null,\"role\":\""
                + role + "\"}";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
