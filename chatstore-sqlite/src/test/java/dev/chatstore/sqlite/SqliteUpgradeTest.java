package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Appended;
import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.Message;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
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
