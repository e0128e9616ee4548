package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.Media;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.ProfileSpec;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import dev.chatstore.UserProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The limits of {@link Limits} are the same on every backend: a value exactly at a limit is stored
 * and read back unchanged (lengths count UTF-16 chars, so multi-byte and surrogate-pair text must
 * fit too), one over is rejected. Look at column sizes and types when these fail.
 */
public interface LimitRules extends StoreFixture {

    /** {@code n} UTF-16 chars of CJK text (3 bytes each in UTF-8), ending in an emoji when there is room. */
    private static String wide(int n) {
        return n >= 2 ? "中".repeat(n - 2) + "🌍" : "中".repeat(n);
    }

    /**
     * Every text field at its maximum length round-trips (user id, title, persona, client message id,
     * fact, file fields, error text): look at column sizes, and whether they count chars or bytes.
     */
    @Test
    default void textAtEveryMaximumLengthRoundTrips() {
        UserChats user = store().forUser(wide(Limits.USER_ID_MAX));
        Conversation c = user.conversations().create(
                new NewConversation(wide(Limits.TITLE_MAX), wide(Limits.PERSONA_NAME_MAX), Map.of()));
        Conversation read = reload(user, c.id());
        assertThat(read.userId()).as("user id at %d chars", Limits.USER_ID_MAX).isEqualTo(wide(Limits.USER_ID_MAX));
        assertThat(read.title()).as("title at %d chars", Limits.TITLE_MAX).isEqualTo(wide(Limits.TITLE_MAX));
        assertThat(read.personaName()).as("persona at %d chars", Limits.PERSONA_NAME_MAX).isEqualTo(wide(Limits.PERSONA_NAME_MAX));
        assertThat(user.conversations().rename(c.id(), "🌍".repeat(Limits.TITLE_MAX / 2)).title()).as("rename at the maximum")
                .isEqualTo("🌍".repeat(Limits.TITLE_MAX / 2));

        String key = wide(Limits.CLIENT_MESSAGE_ID_MAX);
        Message m = append(user, c.id(), NewMessage.user("x").clientMessageId(key));
        assertThat(user.messages().byClientMessageId(c.id(), key)).as("client message id at %d chars", Limits.CLIENT_MESSAGE_ID_MAX)
                .contains(m);

        MemoryFact f = user.facts().add(NewFact.of(FactCategory.FACT, wide(Limits.FACT_CONTENT_MAX), 0.5));
        assertThat(user.facts().get(f.id()).orElseThrow().content()).as("fact content at %d chars", Limits.FACT_CONTENT_MAX)
                .isEqualTo(wide(Limits.FACT_CONTENT_MAX));

        String uri = "s3://bucket/" + "k".repeat(Limits.STORAGE_URI_MAX - 12);
        Attachment a = user.attachments().create(
                NewAttachment.stored(wide(Limits.FILE_NAME_MAX), wide(Limits.MIME_TYPE_MAX), 1, null, uri));
        Attachment failed = user.attachments().markError(a.id(), wide(Limits.ERROR_TEXT_MAX));
        assertThat(user.attachments().get(a.id())).as("file name, MIME type, URI and error text at their maximums").contains(failed);
        assertThat(failed).extracting(Attachment::name, Attachment::mimeType, Attachment::storageUri, Attachment::errorText)
                .as("each at its maximum")
                .containsExactly(wide(Limits.FILE_NAME_MAX), wide(Limits.MIME_TYPE_MAX), uri, wide(Limits.ERROR_TEXT_MAX));
    }

    /** Content of 1,000,000 chars round-trips: look at the content column's type and any driver size limit. */
    @Test
    default void contentAtTheMaximumLengthRoundTrips() {
        Conversation c = newConversation(alice());
        String content = wide(Limits.CONTENT_MAX);
        Message m = say(alice(), c.id(), content);
        assertThat(reloadMessage(alice(), m.id()).content()).as("content at %d chars", Limits.CONTENT_MAX).isEqualTo(content);
    }

    /** Metadata close to its size limit round-trips: look at the metadata column's type and the JSON size check. */
    @Test
    default void metadataCloseToTheSizeLimitRoundTrips() {
        Conversation c = newConversation(alice());
        Map<String, Object> big = Map.of("text", wide(Limits.METADATA_MAX - 100), "n", 1);
        alice().conversations().replaceMetadata(c.id(), big);
        assertThat(reload(alice(), c.id()).metadata()).as("metadata of about %d chars", Limits.METADATA_MAX).isEqualTo(big);
    }

    /**
     * A batch of exactly the maximum is stored, one more is InvalidInputException("messages"): look at appendAll's
     * size check.
     */
    @Test
    default void appendAllAcceptsAtMostTheMaximumBatch() {
        Conversation c = newConversation(alice());
        List<NewMessage> tooMany = Collections.nCopies(Limits.BATCH_MAX + 1, NewMessage.user("x"));
        expectInvalid("messages", () -> alice().messages().appendAll(c.id(), tooMany));
        assertThat(reload(alice(), c.id()).messageCount()).as("nothing of the oversized batch is stored").isZero();
        List<NewMessage> max = new ArrayList<>(Collections.nCopies(Limits.BATCH_MAX, NewMessage.user("x")));
        assertThat(alice().messages().appendAll(c.id(), max)).as("a batch of exactly the maximum").hasSize(Limits.BATCH_MAX);
        assertThat(reload(alice(), c.id()).messageCount()).as("all of it stored").isEqualTo(Limits.BATCH_MAX);
    }

    /** The default inline limit is 64 KiB inclusive: look at how the store's configured limit is compared. */
    @Test
    default void inlineAttachmentAtTheDefaultLimitIsStoredAndOneByteMoreIsRejected() {
        int limit = StoreSettings.DEFAULT_MAX_INLINE_ATTACHMENT_BYTES;
        Attachment a = alice().attachments().create(NewAttachment.inline("max.bin", "application/octet-stream", new byte[limit]));
        assertThat(alice().attachments().inlineData(a.id())).as("all %d bytes stored", limit)
                .hasValueSatisfying(d -> assertThat(d).hasSize(limit));
        assertThatThrownBy(() -> alice().attachments().create(
                NewAttachment.inline("over.bin", "application/octet-stream", new byte[limit + 1])))
                .as("one byte over the default limit").isInstanceOf(InvalidInputException.class);
        assertThat(alice().attachments().orphans(10)).as("only the file at the limit is stored").hasSize(1);
    }

    /** A message links up to the maximum number of attachments: look at the link inserts (batching, parameter limits). */
    @Test
    default void aMessageLinksUpToTheMaximumNumberOfAttachments() {
        Conversation c = newConversation(alice());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Limits.ATTACHMENTS_PER_MESSAGE_MAX; i++) {
            ids.add(storedFile(alice(), "f" + i + ".pdf").id());
        }
        Message m = append(alice(), c.id(), NewMessage.user("many files").attachments(ids.toArray(String[]::new)));
        assertThat(Samples.attachmentIds(alice().attachments().listForMessage(m.id()))).as("all linked")
                .containsExactlyInAnyOrderElementsOf(ids);
        expectInvalid("attachmentIds", () -> NewMessage.user("x").attachments(
                Stream.concat(ids.stream(), Stream.of(unknownId())).toArray(String[]::new)));
    }

    /**
     * The issue-3 text fields at their maximum lengths round-trip: provider, model, system prompt, tool call id, usage
     * model, media and audio references, persona texts and lists, profile email and display name, and a greeting of
     * maximal content. Look at column sizes, and whether they count chars or bytes.
     */
    @Test
    default void newTextFieldsAtTheirMaximumLengthsRoundTrip() {
        Conversation c = alice().conversations().create(NewConversation.untitled()
                .withModel(wide(Limits.PROVIDER_MAX), wide(Limits.MODEL_NAME_MAX))
                .withSystemPrompt(wide(Limits.SYSTEM_PROMPT_MAX)));
        assertThat(reload(alice(), c.id())).extracting(Conversation::provider, Conversation::model, Conversation::systemPrompt)
                .as("provider, model and system prompt at their maximums")
                .containsExactly(wide(Limits.PROVIDER_MAX), wide(Limits.MODEL_NAME_MAX), wide(Limits.SYSTEM_PROMPT_MAX));

        String uri = "s3://" + "中".repeat(Limits.STORAGE_URI_MAX - 5);
        Message tool = append(alice(), c.id(), NewMessage.tool(wide(Limits.TOOL_CALL_ID_MAX), "result")
                .usage(new TokenUsage(wide(Limits.MODEL_NAME_MAX), 1, 1)).type(MessageType.MULTIMODAL)
                .media(new Media(List.of(uri), uri, 1L)));
        assertThat(reloadMessage(alice(), tool.id())).as("tool call id, usage model and media at their maximums")
                .isEqualTo(tool);
        assertThat(tool.toolCallId()).isEqualTo(wide(Limits.TOOL_CALL_ID_MAX));

        List<String> traits = Collections.nCopies(Limits.PERSONA_LIST_MAX, wide(Limits.DISPLAY_NAME_MAX));
        PersonaSpec spec = new PersonaSpec(wide(Limits.PERSONA_NAME_MAX), wide(Limits.DISPLAY_NAME_MAX),
                "https://x/" + "k".repeat(Limits.URL_MAX - 10), wide(Limits.PERSONA_TEXT_MAX), wide(Limits.DISPLAY_NAME_MAX),
                wide(Limits.PERSONA_TEXT_MAX), traits, traits, wide(Limits.CONTENT_MAX), PersonaStatus.ACTIVE);
        Persona p = store().personas().upsert(spec);
        assertThat(store().personas().get(spec.name())).as("a persona with every field at its maximum").contains(p);
        assertThat(p).extracting(Persona::name, Persona::description, Persona::personalityTraits, Persona::greeting)
                .as("as given").containsExactly(spec.name(), spec.description(), traits, spec.greeting());
        Conversation greeted = alice().conversations().create(NewConversation.withPersona(spec.name()).withGreeting());
        assertThat(alice().messages().latest(greeted.id(), 1).items().get(0).content()).as("a maximal greeting")
                .isEqualTo(wide(Limits.CONTENT_MAX));

        String email = "中".repeat(Limits.EMAIL_MAX - 12) + "@example.com";
        UserProfile profile = alice().profile().upsert(new ProfileSpec(email, wide(Limits.DISPLAY_NAME_MAX), true));
        assertThat(alice().profile().get()).as("email and display name at their maximums").contains(profile);
        assertThat(profile.email()).isEqualTo(email);
    }
}
