package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.chatstore.internal.Cjk;
import dev.chatstore.jdbc.ChatStoreEngine;
import dev.chatstore.jdbc.Migration;
import dev.chatstore.jdbc.MigrationRunner;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** PostgreSQL's side of CJK search: its SQL function splits as the Java one does, and V15 re-indexes stored text. */
class PostgresCjkSearchTest {

    /**
     * chatstore_split_cjk spells Cjk's code point ranges as a regular expression: every code point
     * must come out of both the same, or the backends index different words.
     */
    @Test
    void theSqlFunctionSetsApartExactlyTheCharactersJavaDoes() {
        String schema = TestPostgres.freshSchema();
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build()) {
            StringBuilder all = new StringBuilder();
            for (int cp = 1; cp <= Character.MAX_CODE_POINT; cp++) {
                if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                    all.appendCodePoint(cp);
                }
            }
            String text = all.toString();
            String split = Jdbi.create(TestPostgres.dataSource()).withHandle(h -> h
                    .createQuery("SELECT \"" + schema + "\".chatstore_split_cjk(:text)").bind("text", text)
                    .mapTo(String.class).one());
            String expected = Cjk.setApart(text);
            if (!split.equals(expected)) {
                int i = 0;
                while (i < Math.min(split.length(), expected.length()) && split.charAt(i) == expected.charAt(i)) {
                    i++;
                }
                int at = Math.max(0, i - 2);
                assertThat(Integer.toHexString(split.codePointAt(at))).as("the split differs near index %d", i)
                        .isEqualTo(Integer.toHexString(expected.codePointAt(at)));
                assertThat(split).as("the split").isEqualTo(expected);
            }
        }
    }

    /** Text stored before V15 (one word per run of ideographs) is found character by character after it. */
    @Test
    void version15ReindexesTheTextAlreadyStored() {
        String schema = TestPostgres.freshSchema();
        PostgresDialect dialect = new PostgresDialect(schema);
        Jdbi jdbi = ChatStoreEngine.configure(Jdbi.create(TestPostgres.dataSource()), dialect);
        List<Migration> all = MigrationRunner.loadMigrations("dev/chatstore/postgres/migrations");
        new MigrationRunner(new PostgresDatabase(jdbi, TestPostgres.dataSource(), schema), dialect, Clock.systemUTC(),
                all.stream().filter(m -> m.version() < 15).toList()).migrate();
        String messageId;
        String titleId;
        String factId;
        String fileId;
        try (PostgresChatStore before = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema)
                .migrateOnOpen(false).build()) {
            UserChats alice = before.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("大阪旅行の計画"));
            titleId = c.id();
            Message m = alice.messages().append(c.id(), NewMessage.user("東京都に住んでいます")).message();
            messageId = m.id();
            factId = alice.facts().add(NewFact.of(FactCategory.FACT, "京都の大学で日本語を勉強した", 0.5)).id();
            Attachment file = alice.attachments().create(NewAttachment.stored("a.txt", "text/plain", 1, null, "s3://b/a"));
            alice.attachments().markProcessing(file.id());
            fileId = alice.attachments().markReady(file.id(), "서울특별시 지도", 2).id();
        }
        try (PostgresChatStore after = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build()) {
            UserChats alice = after.forUser("alice");
            assertThat(ids(alice, "東京")).containsExactly(messageId);
            assertThat(ids(alice, "旅行")).containsExactly(titleId);
            assertThat(ids(alice, "日本語")).containsExactly(factId);
            assertThat(ids(alice, "특별")).containsExactly(fileId);
            Message later = alice.messages().append(titleId, NewMessage.user("東京タワー")).message();
            assertThat(ids(alice, "東京")).containsExactlyInAnyOrder(messageId, later.id());
        }
    }

    private static List<String> ids(UserChats user, String text) {
        return user.search().text(TextQuery.of(text), PageRequest.first(50)).items().stream().map(SearchHit::id).toList();
    }
}
