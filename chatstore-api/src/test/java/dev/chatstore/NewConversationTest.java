package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** NewConversation checks its texts when built: null means "none", blank or too long is invalid. */
class NewConversationTest {

    @Test
    void untitledHasNothingButEmptyMetadata() {
        NewConversation c = NewConversation.untitled();
        assertThat(c.title()).isNull();
        assertThat(c.personaName()).isNull();
        assertThat(c.metadata()).isNotNull().isEmpty();
        assertThat(new NewConversation(null, null, null).metadata()).as("null metadata becomes empty").isEmpty();
    }

    @Test
    void textsAreNonBlankStorableAndWithinTheirLimits() {
        expectInvalid("title", () -> NewConversation.titled(" "));
        expectInvalid("title", () -> NewConversation.titled(null));
        expectInvalid("title", () -> NewConversation.titled("x".repeat(Limits.TITLE_MAX + 1)));
        expectInvalid("personaName", () -> NewConversation.withPersona("p".repeat(Limits.PERSONA_NAME_MAX + 1)));
        expectInvalid("personaName", () -> NewConversation.withPersona("\uDC00"));
        expectInvalid("provider", () -> NewConversation.untitled().withModel(" ", "m"));
        expectInvalid("model", () -> NewConversation.untitled().withModel("p", "m\0"));
        expectInvalid("systemPrompt", () -> NewConversation.untitled().withSystemPrompt(""));
        expectInvalid("systemPrompt", () -> NewConversation.untitled().withSystemPrompt("s".repeat(Limits.SYSTEM_PROMPT_MAX + 1)));
        expectInvalid("metadata", () -> NewConversation.untitled().withMetadata(Map.of("n", Double.POSITIVE_INFINITY)));
    }

    @Test
    void textsAtTheirLimitsAreKeptExactly() {
        NewConversation c = new NewConversation("  Tit\u0301le  ", "x".repeat(Limits.PERSONA_NAME_MAX), Map.of())
                .withModel("p".repeat(Limits.PROVIDER_MAX), "m".repeat(Limits.MODEL_NAME_MAX));
        assertThat(c.title()).as("not trimmed, not normalised").isEqualTo("  Tit\u0301le  ");
        assertThat(c.personaName()).hasSize(Limits.PERSONA_NAME_MAX);
        assertThat(c.provider()).hasSize(Limits.PROVIDER_MAX);
        assertThat(c.model()).hasSize(Limits.MODEL_NAME_MAX);
    }
}
