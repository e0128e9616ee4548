package dev.chatstore.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export lines the converters write, read directly: the format's frame (header, user sections with their row
 * counts and checksums, the last line) and the rows chatstore's appends would have written. When a test here fails,
 * look at the converter of the product and at ConversationThread / UserConversations.
 */
class ExportFormatTest {
    @TempDir
    Path dir;

    @Test
    void everyExportIsFramedWithCountsAndChecksums() throws Exception {
        for (SourceProduct product : SourceProduct.values()) {
            try (Connection source = source(product)) {
                ExportLines export = ExportLines.of(product, source, "owner");
                List<Map<String, Object>> lines = export.lines();
                assertThat(lines.get(0)).containsEntry("format", "chatstore-export").containsEntry("version", 1)
                        .containsEntry("secrets", false);
                Map<String, Object> end = lines.get(lines.size() - 1);
                assertThat(end).containsEntry("end", true);
                long rowLines = lines.stream().filter(l -> l.containsKey("table")).count();
                assertThat(((Number) end.get("rows")).longValue()).as("total rows of %s", product).isEqualTo(rowLines);
                String user = null;
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long count = 0;
                long users = 0;
                for (int i = 1; i < lines.size() - 1; i++) {
                    Map<String, Object> line = lines.get(i);
                    if (line.containsKey("user")) {
                        user = (String) line.get("user");
                        digest.reset();
                        count = 0;
                    } else if (line.containsKey("userEnd")) {
                        assertThat(line.get("userEnd")).isEqualTo(user);
                        assertThat(((Number) line.get("rows")).longValue()).isEqualTo(count);
                        assertThat(line.get("sha256")).isEqualTo(HexFormat.of().formatHex(digest.digest()));
                        user = null;
                        users++;
                    } else if (user != null) {
                        digest.update((export.raw().get(i) + "\n").getBytes(StandardCharsets.UTF_8));
                        count++;
                        @SuppressWarnings("unchecked")
                        Map<String, Object> row = (Map<String, Object>) line.get("row");
                        if (row.containsKey("user_id")) {
                            assertThat(row.get("user_id")).as("user_id of a row of %s", user).isEqualTo(user);
                        }
                    } else {
                        assertThat(line.get("table")).as("rows before the first user").isEqualTo("persona");
                    }
                }
                assertThat(((Number) end.get("users")).longValue()).isEqualTo(users);
            }
        }
    }

    @Test
    void sameSecondMessagesKeepTheSourcesInsertionOrderAndFormOneBranch() throws Exception {
        try (Connection source = SourceFixtures.personaChat(dir)) {
            ExportLines export = ExportLines.of(SourceProduct.PERSONA_CHAT, source, "unused");
            List<Map<String, Object>> messages = export.rows("message", "conversation_id",
                    "11111111-1111-4111-8111-111111111111");
            assertThat(messages).extracting(m -> m.get("content")).containsExactly("Namaste! Kya haal hai? 🙏",
                    "Sab badhiya! Aaj workout kiya? 💪", "日本語もわかる？", "Here is my lunch", "",
                    SourceFixtures.LONG_TEXT);
            assertThat(messages).extracting(m -> ((Number) m.get("seq")).longValue()).containsExactly(1L, 2L, 3L, 4L,
                    5L, 6L);
            for (int i = 0; i < messages.size(); i++) {
                assertThat(messages.get(i).get("parent_id")).isEqualTo(i == 0 ? null : messages.get(i - 1).get("id"));
            }
            assertThat(messages.get(1).get("reply_to_id")).isEqualTo(SourceFixtures.PERSONA_QUESTION_ID);
            assertThat(messages.get(0).get("payload_hash")).asString().hasSize(64);
            assertThat(messages.get(1).get("payload_hash")).isNull();
            Map<String, Object> conversation = export.rows("conversation", "id",
                    "11111111-1111-4111-8111-111111111111").get(0);
            assertThat(conversation).containsEntry("message_count", 6).containsEntry("last_seq", 6)
                    .containsEntry("read_seq", 6).containsEntry("unread_count", 0).containsEntry("revision", 0)
                    .containsEntry("active_tip_id", messages.get(5).get("id"))
                    .containsEntry("last_message_at", "2025-01-19T10:00:07Z")
                    .containsEntry("persona_id", "ahaan_sharma")
                    .containsEntry("last_message_preview", "😀".repeat(150) + "x".repeat(50));
        }
    }

    @Test
    void activityNumbersConversationsPerUserOldestFirst() throws Exception {
        try (Connection source = SourceFixtures.personaChat(dir)) {
            ExportLines export = ExportLines.of(SourceProduct.PERSONA_CHAT, source, "unused");
            assertThat(export.rows("conversation", "user_id", SourceFixtures.ALICE))
                    .extracting(r -> r.get("id"), r -> r.get("activity_seq"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("22222222-2222-4222-8222-222222222222", 1),
                            org.assertj.core.groups.Tuple.tuple("11111111-1111-4111-8111-111111111111", 2));
        }
    }

    @Test
    void idsThatAreNoUuidsBecomeStableNameBasedUuids() throws Exception {
        try (Connection source = SourceFixtures.vectorChat(dir)) {
            ExportLines first = ExportLines.of(SourceProduct.VECTOR_CHAT, source, "unused");
            ExportLines second = ExportLines.of(SourceProduct.VECTOR_CHAT, source, "unused");
            String chatId = SourceImport.chatstoreId(SourceProduct.VECTOR_CHAT, "chats", "chat-python");
            assertThat(chatId).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(first.rows("conversation", "id", chatId)).singleElement()
                    .satisfies(r -> assertThat((String) r.get("metadata")).contains("\"source\":{\"id\":\"chat-python\"}"));
            assertThat(first.rows("message")).isEqualTo(second.rows("message"));
            assertThat(SourceImport.chatstoreId(SourceProduct.ASSISTANT, "files", "AA000000-0000-4000-8000-000000000001"))
                    .isEqualTo("aa000000-0000-4000-8000-000000000001");
        }
    }

    private Connection source(SourceProduct product) throws Exception {
        Path sub = dir.resolve(product.cliName());
        java.nio.file.Files.createDirectories(sub);
        return switch (product) {
            case PERSONA_CHAT -> SourceFixtures.personaChat(sub);
            case VECTOR_CHAT -> SourceFixtures.vectorChat(sub);
            case ASSISTANT -> SourceFixtures.assistant(sub);
        };
    }
}
