package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.ProfileSpec;
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

    /**
     * Version 16 replaces the keys of users' tables (user_id first) and moves email uniqueness to email_claim: rows
     * written at version 15 are all kept, their links still hold and still clear or cascade, and emails stay unique.
     */
    @Test
    void aVersion15SchemaWithDataKeepsItThroughTheKeysByUser() throws Exception {
        String schema = TestPostgres.freshSchema();
        PostgresDialect dialect = new PostgresDialect(schema);
        Jdbi jdbi = ChatStoreEngine.configure(Jdbi.create(TestPostgres.dataSource()), dialect);
        new MigrationRunner(new PostgresDatabase(jdbi, TestPostgres.dataSource(), schema), dialect, Clock.systemUTC(),
                MigrationRunner.loadMigrations("dev/chatstore/postgres/migrations").subList(0, 15))
                .migrate();
        String s = "\"" + schema + "\".";
        String fact = "01900000-0000-7000-8000-000000000004";
        String file = "01900000-0000-7000-8000-000000000005";
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO " + s + "conversation (id, user_id, title, metadata, message_count, last_seq,"
                    + " last_message_at, activity_seq, created_at, updated_at, active_tip_id) VALUES (?, 'alice',"
                    + " 'Before keys by user', '{}', 2, 2, now(), nextval('" + s + "conversation_activity_seq'), now(), now(), NULL)",
                    CONVERSATION);
            h.execute("INSERT INTO " + s + "message (id, conversation_id, user_id, seq, role, content, client_message_id,"
                    + " payload_hash, created_at) VALUES (?, ?, 'alice', 1, 'user', 'Hi', 'req-1', 'x', now())",
                    REQUEST, CONVERSATION);
            h.execute("INSERT INTO " + s + "message (id, conversation_id, user_id, seq, role, content, reply_to_id,"
                    + " parent_id, created_at) VALUES (?, ?, 'alice', 2, 'assistant', 'Hello, Alice.', ?, ?, now())",
                    REPLY, CONVERSATION, REQUEST, REQUEST);
            h.execute("UPDATE " + s + "conversation SET active_tip_id = ? WHERE id = ?", REPLY, CONVERSATION);
            h.execute("INSERT INTO " + s + "attachment (id, user_id, name, mime_type, size_bytes, storage_uri, status,"
                    + " created_at, updated_at) VALUES (?, 'alice', 'notes.txt', 'text/plain', 5, 's3://b/notes', 'ready',"
                    + " now(), now())", file);
            h.execute("INSERT INTO " + s + "message_attachment (message_id, attachment_id, user_id) VALUES (?, ?, 'alice')",
                    REQUEST, file);
            h.execute("INSERT INTO " + s + "conversation_attachment (conversation_id, attachment_id, user_id, linked_at,"
                    + " explicit) VALUES (?, ?, 'alice', now(), FALSE)", CONVERSATION, file);
            h.execute("INSERT INTO " + s + "memory_fact (id, user_id, category, content, confidence, active,"
                    + " source_conversation_id, source_message_id, created_at, updated_at)"
                    + " VALUES (?, 'alice', 'fact', 'Likes tea', 0.9, TRUE, ?, ?, now(), now())", fact, CONVERSATION, REQUEST);
            h.execute("INSERT INTO " + s + "user_profile (user_id, email, active_conversation_id, created_at, updated_at)"
                    + " VALUES ('alice', 'alice@example.com', ?, now(), now())", CONVERSATION);
        });

        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build()) {
            assertThat(store.admin().schemaVersion()).isEqualTo(store.admin().latestSchemaVersion()).isGreaterThanOrEqualTo(16);
            UserChats alice = store.forUser("alice");
            assertThat(alice.conversations().get(CONVERSATION).orElseThrow().activeTipId()).isEqualTo(REPLY);
            assertThat(alice.messages().get(REPLY).orElseThrow().replyToId()).as("the reply link is kept").isEqualTo(REQUEST);
            assertThat(alice.attachments().get(file)).as("the file is kept").isPresent();
            assertThat(alice.facts().get(fact).orElseThrow().sourceMessageId()).isEqualTo(REQUEST);
            assertThat(alice.profile().get().orElseThrow().email()).isEqualTo("alice@example.com");
            assertThat(alice.profile().get().orElseThrow().activeConversationId()).isEqualTo(CONVERSATION);
            assertThatThrownBy(() -> store.forUser("bob").profile().upsert(new ProfileSpec("alice@example.com", "Bob", true)))
                    .as("the email kept its owner through the migration").isInstanceOf(AlreadyExistsException.class);

            assertThat(alice.messages().delete(REQUEST)).isTrue();
            Message reply = alice.messages().get(REPLY).orElseThrow();
            assertThat(reply.replyToId()).as("ON DELETE SET NULL (reply_to_id) clears the link").isNull();
            assertThat(alice.facts().get(fact).orElseThrow().sourceMessageId()).isNull();
            Integer links = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + s + "message_attachment")
                    .mapTo(Integer.class).one());
            assertThat(links).as("the message's file link went with it (CASCADE)").isZero();

            assertThat(alice.conversations().delete(CONVERSATION)).isTrue();
            assertThat(alice.profile().get().orElseThrow().activeConversationId()).isNull();
            assertThat(alice.facts().get(fact).orElseThrow().sourceConversationId()).isNull();
            Integer left = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + s + "message WHERE user_id = 'alice'")
                    .mapTo(Integer.class).one());
            assertThat(left).as("messages cascade with their conversation").isZero();
            alice.erase();
            store.forUser("bob").profile().upsert(new ProfileSpec("alice@example.com", "Bob", true));
            assertThat(store.forUser("bob").profile().get().orElseThrow().email()).as("an erased user's email is free")
                    .isEqualTo("alice@example.com");
        }
    }

    static String version1Hash(String role, String content) throws Exception {
        String canonical = "{\"attachments\":[],\"content\":\"" + content + "\",\"metadata\":{},\"replyTo\":null,\"role\":\""
                + role + "\"}";
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
