package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Conversation;
import dev.chatstore.ExportSummary;
import dev.chatstore.FactQuery;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.ProfileSpec;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.UserChats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Export (all of a user's data as JSON Lines, one object per line with a "type") and erase
 * (everything of the user in one transaction, nothing of anyone else). The export is parsed with a
 * strict JSON reader; field names other than "type" are not part of the contract, so the rules look
 * for exported values anywhere in a record.
 */
public interface EraseAndExportRules extends StoreFixture {

    /**
     * Every line is one JSON object with a known "type", and the counts per type match both the user's data and the
     * summary: look at the writer's escaping (newlines and control characters in content must be escaped) and at
     * each record query.
     */
    @Test
    default void exportWritesOneJsonObjectPerLineForEveryRecord() {
        SeededUser a = seed(alice());
        say(alice(), a.otherConversation().id(), Samples.UNICODE);
        ExportedLines export = ExportedLines.of(alice());
        assertThat(export.records()).as("every record has a known type")
                .allSatisfy(r -> assertThat(r.get("type")).isIn(ExportedLines.TYPES.toArray()));
        assertThat(export.countsByType()).as("records per type").isEqualTo(Map.of(
                "profile", 1L, "conversation", 3L, "message", 6L, "attachment", 3L, "fact", 2L, "setting", 1L));
        assertThat(export.summary()).as("the summary counts what was written")
                .isEqualTo(new ExportSummary(1, 3, 6, 3, 2, 1, 0));
        assertThat(export.summary().total()).as("one line per record").isEqualTo(export.records().size());
    }

    /**
     * The exported values are the stored ones, exactly: content with quotes, escapes, control characters and emoji,
     * titles, fact text, preferences, settings, file names. Look at string escaping and at each record's fields.
     */
    @Test
    default void exportHoldsTheStoredValuesExactly() {
        SeededUser a = seed(alice());
        Message unicode = say(alice(), a.otherConversation().id(), Samples.UNICODE);
        ExportedLines export = ExportedLines.of(alice());
        assertThat(export.hasValue("message", Samples.UNICODE)).as("the unicode content, exactly").isTrue();
        assertThat(export.hasValue("message", unicode.id())).as("the message id").isTrue();
        assertThat(export.hasValue("message", a.reply().content())).as("the reply's content").isTrue();
        assertThat(export.hasValue("message", a.imageMessage().media().refs().get(0))).as("a media reference").isTrue();
        assertThat(export.hasValue("conversation", "Seeded")).as("a conversation title").isTrue();
        assertThat(export.hasValue("conversation", "Be brief.")).as("a system prompt").isTrue();
        assertThat(export.hasValue("fact", a.sourcedFact().content())).as("a fact").isTrue();
        assertThat(export.hasValue("attachment", a.linkedFile().name())).as("a file name").isTrue();
        assertThat(export.hasValue("profile", ALICE + "@example.com")).as("the email").isTrue();
        assertThat(export.hasValue("profile", "dark")).as("a preference").isTrue();
        assertThat(export.hasValue("setting", SeededUser.SETTING_KEY)).as("the setting's key").isTrue();
        assertThat(export.hasValue("setting", "en-GB")).as("the setting's value").isTrue();
    }

    /**
     * Secrets stay out and inline bytes go in as Base64: look at the provider configurations (never exported with
     * their key) and the inline attachment record.
     */
    @Test
    default void exportLeavesOutSecretsAndIncludesInlineBytesAsBase64() {
        SeededUser a = seed(alice());
        String secret = "sk-export-must-not-contain-this-0123456789";
        alice().providers().put(ProviderConfigSpec.of("openai").withApiKey(secret));
        ExportedLines export = ExportedLines.of(alice());
        assertThat(new String(export.bytes(), StandardCharsets.UTF_8)).as("the API key is not exported")
                .doesNotContain(secret);
        assertThat(export.hasValue("attachment", "AQID")).as("the inline bytes {1, 2, 3} as Base64").isTrue();
        assertThat(export.hasValue("attachment", a.orphanFile().id())).as("the inline file's record").isTrue();
    }

    /**
     * An export holds the user's data only: look at the user_id condition of every export query.
     */
    @Test
    default void exportHoldsOnlyTheUsersOwnData() {
        seed(alice());
        SeededUser b = seed(bob());
        say(bob(), b.conversation().id(), "bob's secret plan");
        ExportedLines export = ExportedLines.of(alice());
        List<String> strings = export.records().stream().flatMap(r -> JsonLines.strings(r).stream()).toList();
        assertThat(strings).as("nothing of bob's").doesNotContain("bob's secret plan", b.conversation().id(),
                b.request().id(), b.orphanFile().id(), b.plainFact().id(), BOB + "@example.com");
        assertThat(export.summary()).as("alice's counts only").isEqualTo(new ExportSummary(1, 3, 5, 3, 2, 1, 0));
        ExportedLines nobody = ExportedLines.of(store().forUser("nobody"));
        assertThat(nobody.bytes()).as("a user without data exports nothing").isEmpty();
        assertThat(nobody.summary().total()).as("and counts nothing").isZero();
    }

    /**
     * Every message is exported, those of archived conversations and of every branch included: look at whether the
     * export follows the listings (which leave them out) instead of the tables.
     */
    @Test
    default void exportIncludesArchivedConversationsAndEveryBranch() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        say(alice, c.id(), "question");
        Message answer = append(alice, c.id(), NewMessage.assistant("first answer"));
        alice.messages().regenerate(answer.id(), NewMessage.assistant("second answer"));
        alice.conversations().setArchived(c.id(), true);
        ExportedLines export = ExportedLines.of(alice);
        assertThat(export.summary().conversations()).as("the archived conversation").isEqualTo(1);
        assertThat(export.summary().messages()).as("every message of every branch").isEqualTo(3);
        assertThat(export.hasValue("message", "first answer")).as("the replaced answer").isTrue();
        assertThat(export.hasValue("message", "second answer")).as("the regenerated answer").isTrue();
    }

    /**
     * Export leaves the stream open, and a failing stream is UncheckedIOException that leaves the store usable: look
     * at close handling and at the read transaction's cleanup on error.
     */
    @Test
    default void exportLeavesTheStreamOpenAndSurvivesAFailingStream() {
        SeededUser a = seed(alice());
        boolean[] closed = {false};
        OutputStream tracking = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        alice().exportTo(tracking);
        assertThat(closed[0]).as("exportTo does not close the stream").isFalse();
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowable(() -> alice().exportTo(failing))).as("a failing stream, attempt %d", i)
                    .isInstanceOf(UncheckedIOException.class);
        }
        say(alice(), a.conversation().id(), "still writable");
        assertThat(ExportedLines.of(alice()).summary().messages()).as("a later export works and sees the new message").isEqualTo(6);
    }

    /**
     * erase removes everything of the user: profile, conversations (archived too), messages, files, facts, settings,
     * provider configurations, cached searches. Look at each table the erase transaction must cover.
     */
    @Test
    default void eraseRemovesEverythingOfTheUser() {
        SeededUser a = seed(alice());
        alice().providers().put(ProviderConfigSpec.of("openai").withApiKey("sk-1"));
        alice().searchCache().put("what is a monad", List.of("result"), Duration.ofHours(1));
        alice().erase();
        UserChats alice = alice();
        assertThat(alice.profile().get()).as("profile").isEmpty();
        assertThat(alice.conversations().list(PageRequest.first()).items()).as("conversations").isEmpty();
        assertThat(alice.conversations().listArchived(PageRequest.first()).items()).as("archived conversations").isEmpty();
        assertThat(alice.conversations().get(a.archived().id())).as("the archived conversation").isEmpty();
        assertThat(alice.messages().get(a.reply().id())).as("a message").isEmpty();
        assertThat(alice.messages().get(a.imageMessage().id())).as("a message of the archived conversation").isEmpty();
        assertThat(alice.attachments().get(a.linkedFile().id())).as("a linked file").isEmpty();
        assertThat(alice.attachments().get(a.orphanFile().id())).as("an orphan file").isEmpty();
        assertThat(alice.facts().list(FactQuery.all(), PageRequest.first()).items()).as("facts").isEmpty();
        assertThat(alice.settings().all()).as("settings").isEmpty();
        assertThat(alice.providers().list()).as("provider configurations").isEmpty();
        assertThat(alice.searchCache().get("what is a monad")).as("cached searches").isEmpty();
        assertThat(ExportedLines.of(alice).bytes()).as("nothing left to export").isEmpty();
    }

    /**
     * erase leaves every other user exactly as before, and frees the erased user's email and personas: look at the
     * user_id condition of every DELETE.
     */
    @Test
    default void eraseLeavesOtherUsersUntouched() {
        seed(alice());
        SeededUser b = seed(bob());
        UserSnapshot bobBefore = b.snapshot();
        alice().erase();
        assertThat(b.snapshot()).as("bob's data is unchanged").isEqualTo(bobBefore);
        assertThat(bob().settings().get(SeededUser.SETTING_KEY)).as("bob's setting").contains("en-GB");
        store().forUser("carol").profile().upsert(ProfileSpec.named("Carol").withEmail(ALICE + "@example.com"));
        assertThat(alice().conversations().create(NewConversation.withPersona(SeededUser.PERSONA)).personaName())
                .as("alice can start over with the same persona").isEqualTo(SeededUser.PERSONA);
    }

    /** erase of a user with nothing, or twice, is harmless: look at whether erase insists on finding rows. */
    @Test
    default void eraseOfAUserWithNothingOrTwiceIsHarmless() {
        SeededUser b = seed(bob());
        UserSnapshot bobBefore = b.snapshot();
        store().forUser("nobody").erase();
        seed(alice());
        alice().erase();
        alice().erase();
        assertThat(UserSnapshot.of(alice()).conversations()).as("alice has nothing").isEmpty();
        assertThat(b.snapshot()).as("bob's data is unchanged").isEqualTo(bobBefore);
        Conversation fresh = newConversation(alice());
        assertThat(say(alice(), fresh.id(), "new start").seq()).as("alice can write again").isEqualTo(1);
        assertThat(alice().conversations().list(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX)).items())
                .as("only the new conversation").hasSize(1);
    }
}
