package dev.chatstore.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Attachment;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.PageRequest;
import dev.chatstore.ProviderConfig;
import dev.chatstore.Role;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The single-user multi-provider assistant imported for a named owner into SQLite and PostgreSQL stores, compared
 * through the public API. When a test fails, look at AssistantConverter and SearchCacheRows.
 */
class AssistantImportTest {
    private static final String C1 = "9b2c7a1e-1f7e-4c55-9d43-0c6f4a3b2a10";
    private static final String C2 = "5d0e8f62-6a3b-4b6e-8f0a-2d9c1e7b4c21";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void importsEverythingOfTheSingleUserForTheNamedOwner(Backend backend) throws Exception {
        try (Connection source = SourceFixtures.assistant(dir); ChatStore store = backend.open()) {
            StoreImportReport report = SourceImport.importInto(store, SourceProduct.ASSISTANT, source, "jane",
                    StoreImportOptions.defaults());

            assertThat(report.users()).isEqualTo(1);
            assertThat(report.rows()).containsEntry("conversation", 2L).containsEntry("message", 4L)
                    .containsEntry("attachment", 3L).containsEntry("memory_fact", 2L).containsEntry("setting", 3L)
                    .containsEntry("provider_config", 2L).containsEntry("search_cache", 2L);
            UserChats jane = store.forUser("jane");
            List<Conversation> conversations = jane.conversations().list(PageRequest.first()).items();
            assertThat(conversations).extracting(Conversation::id).as("pinned first").containsExactly(C1, C2);
            Conversation review = conversations.get(0);
            assertThat(review.title()).isEqualTo("Résumé review");
            assertThat(review.provider()).isEqualTo("openai");
            assertThat(review.model()).isEqualTo("gpt-4o");
            assertThat(review.systemPrompt()).isEqualTo("You review CVs.");
            assertThat(review.pinned()).isTrue();
            assertThat(review.messageCount()).as("recounted, not the source's 99").isEqualTo(4);
            assertThat(review.createdAt()).isEqualTo(Instant.parse("2026-01-31T09:00:00Z"));
            assertThat(review.lastMessageAt()).isEqualTo(Instant.parse("2026-01-31T09:10:00.250Z"));

            List<Message> messages = jane.messages().oldestFirst(C1, PageRequest.first()).items();
            assertThat(messages).extracting(Message::role).as("same second: insertion order")
                    .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL);
            assertThat(messages.get(1).usage()).isEqualTo(new TokenUsage(null, 7, null));
            assertThat(messages.get(2).usage()).isEqualTo(new TokenUsage("gpt-4o", null, 95));
            assertThat(messages.get(2).metadata()).containsEntry("provider", "openai")
                    .containsEntry("usage", Map.of("total", 120));
            assertThat(messages.get(2).replyToId()).isEqualTo(messages.get(1).id());

            Attachment resume = jane.attachments().listForMessage(messages.get(1).id()).get(0);
            assertThat(resume.name()).isEqualTo("résumé.pdf");
            assertThat(resume.storageUri()).isEqualTo("uploads/aa01.pdf");
            assertThat(resume.status()).isEqualTo(AttachmentStatus.READY);
            assertThat(resume.extractedText()).isEqualTo("Jane Doe — Engineer");
            assertThat(resume.wordCount()).isEqualTo(3);
            assertThat(resume.sizeBytes()).isEqualTo(48213);
            assertThat(jane.attachments().listForConversation(C1)).extracting(Attachment::name)
                    .containsExactlyInAnyOrder("résumé.pdf", "cover.docx");
            Attachment cover = jane.attachments().get("aa000000-0000-4000-8000-000000000002").orElseThrow();
            assertThat(cover.status()).isEqualTo(AttachmentStatus.ERROR);
            assertThat(cover.errorText()).isEqualTo("could not parse");
            assertThat(jane.attachments().orphans(10)).extracting(Attachment::name).containsExactly("notes.txt");

            List<MemoryFact> facts = jane.facts().list(FactQuery.all(), PageRequest.first()).items();
            assertThat(facts).hasSize(2);
            MemoryFact goal = jane.facts().get("fa000000-0000-4000-8000-000000000001").orElseThrow();
            assertThat(goal.category()).isEqualTo(FactCategory.GOAL);
            assertThat(goal.content()).isEqualTo("Wants a senior role in Zürich");
            assertThat(goal.confidence()).isEqualTo(0.8);
            assertThat(goal.active()).isTrue();
            assertThat(goal.sourceConversationId()).isEqualTo(C1);
            MemoryFact preference = jane.facts().get("fa000000-0000-4000-8000-000000000002").orElseThrow();
            assertThat(preference.active()).isFalse();
            assertThat(preference.sourceConversationId()).isNull();

            assertThat(jane.settings().all()).containsEntry("theme", "dark").containsEntry("web_search", true)
                    .containsEntry("default_provider", Map.of("id", "openai", "temperature", 0.2));

            List<ProviderConfig> providers = jane.providers().list();
            assertThat(providers).extracting(ProviderConfig::providerId).containsExactlyInAnyOrder("openai", "ollama");
            ProviderConfig openai = jane.providers().get("openai").orElseThrow();
            assertThat(openai.hasApiKey()).as("the source's encrypted key is left out").isFalse();
            assertThat(openai.modelPreferences()).isEqualTo(Map.of("default", "gpt-4o"));
            ProviderConfig ollama = jane.providers().get("ollama").orElseThrow();
            assertThat(ollama.enabled()).isFalse();
            assertThat(ollama.baseUrl()).isEqualTo("http://localhost:11434");

            assertThat(jane.searchCache().get("best cv tips")).as("found by chatstore's normalised query")
                    .contains(List.of(Map.of("title", "CV tips")));
            assertThat(jane.searchCache().get("zürich salaries")).as("expired in the source").isEmpty();
            assertThat(store.forUser(SourceImport.DEFAULT_OWNER).conversations().list(PageRequest.first()).items())
                    .isEmpty();
        }
    }
}
