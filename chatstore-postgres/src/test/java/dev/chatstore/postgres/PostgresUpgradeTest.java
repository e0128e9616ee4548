package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import dev.chatstore.jdbc.ChatStoreEngine;
import dev.chatstore.jdbc.MigrationRunner;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** A schema created by the first migration set, holding data, upgrades in place to the current schema. */
class PostgresUpgradeTest {
    static final String CONVERSATION = "01900000-0000-7000-8000-000000000001";
    static final String REQUEST = "01900000-0000-7000-8000-000000000002";
    static final String REPLY = "01900000-0000-7000-8000-000000000003";

    @Test
    void aVersion1SchemaWithDataUpgradesInPlaceAndKeepsWorking() throws Exception {
        String schema = TestPostgres.freshSchema();
        PostgresDialect dialect = new PostgresDialect(schema);
        Jdbi jdbi = ChatStoreEngine.configure(Jdbi.create(TestPostgres.dataSource()), dialect);
        new MigrationRunner(new PostgresDatabase(jdbi, TestPostgres.dataSource(), schema), dialect, Clock.systemUTC(),
                MigrationRunner.loadMigrations("dev/chatstore/postgres/migrations").subList(0, 1))
                .migrate();
        String s = "\"" + schema + "\".";
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO " + s + "conversation (id, user_id, persona_id, title, metadata, message_count, last_seq,"
                    + " last_message_at, activity_seq, created_at, updated_at) VALUES (?, 'alice', NULL,"
                    + " 'Before the upgrade', '{}', 2, 2, now(), nextval('" + s + "conversation_activity_seq'), now(), now())",
                    CONVERSATION);
            h.execute("INSERT INTO " + s + "message (id, conversation_id, user_id, seq, role, content, metadata,"
                    + " client_message_id, payload_hash, reply_to_id, created_at)"
                    + " VALUES (?, ?, 'alice', 1, 'user', 'Hi', '{}', 'req-1', ?, NULL, now())",
                    REQUEST, CONVERSATION, version1Hash("user", "Hi"));
            h.execute("INSERT INTO " + s + "message (id, conversation_id, user_id, seq, role, content, metadata,"
                    + " client_message_id, payload_hash, reply_to_id, created_at)"
                    + " VALUES (?, ?, 'alice', 2, 'assistant', 'Hello, Alice.', '{}', NULL, NULL, ?, now())",
                    REPLY, CONVERSATION, REQUEST);
        });

        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build()) {
            assertThat(store.admin().schemaVersion()).isEqualTo(store.admin().latestSchemaVersion()).isGreaterThan(1);
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().get(CONVERSATION).orElseThrow();
            assertThat(c.messageCount()).isEqualTo(2);
            assertThat(c.lastMessagePreview()).isEqualTo("Hello, Alice.");
            assertThat(c.activeTipId()).isEqualTo(REPLY);
            assertThat(alice.messages().get(REPLY).orElseThrow().parentId()).isEqualTo(REQUEST);
            assertThat(alice.messages().branch(CONVERSATION, PageRequest.first()).items())
                    .extracting(Message::id).containsExactly(REPLY, REQUEST);
            Appended replay = alice.messages().append(CONVERSATION, NewMessage.user("Hi").clientMessageId("req-1"));
            assertThat(replay.replayed()).isTrue();
            Message next = alice.messages().append(CONVERSATION, NewMessage.user("Still here?")).message();
            assertThat(next.seq()).isEqualTo(3);
            assertThat(next.parentId()).isEqualTo(REPLY);
        }
    }

    static String version1Hash(String role, String content) throws Exception {
        String canonical = "{\"attachments\":[],\"content\":\"" + content + "\",\"metadata\":{},\"replyTo\":null,\"role\":\""
                + role + "\"}";
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
