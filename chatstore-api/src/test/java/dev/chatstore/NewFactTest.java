package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** NewFact, FactUpdate and FactQuery check confidence, content and sources when built. */
class NewFactTest {

    @Test
    void confidenceIsWithinZeroAndOne() {
        assertThat(NewFact.of(FactCategory.FACT, "x", 0.0).confidence()).as("the lower bound").isZero();
        assertThat(NewFact.of(FactCategory.FACT, "x", 1.0).confidence()).as("the upper bound").isEqualTo(1.0);
        for (double bad : new double[] {1.01, -0.01, Double.NaN, Double.POSITIVE_INFINITY, Math.nextUp(1.0), -Double.MIN_VALUE}) {
            expectInvalid("confidence", () -> NewFact.of(FactCategory.FACT, "x", bad));
            expectInvalid("confidence", () -> FactUpdate.confidence(bad));
            expectInvalid("minConfidence", () -> FactQuery.all().withMinConfidence(bad));
        }
    }

    @Test
    void contentIsNonBlankStorableTextWithinItsLimit() {
        expectInvalid("content", () -> NewFact.of(FactCategory.FACT, "  ", 0.5));
        expectInvalid("content", () -> NewFact.of(FactCategory.FACT, "x".repeat(Limits.FACT_CONTENT_MAX + 1), 0.5));
        expectInvalid("content", () -> FactUpdate.content("nul\0"));
        expectInvalid("category", () -> NewFact.of(null, "x", 0.5));
    }

    @Test
    void aSourceMessageNeedsItsConversation() {
        String id = UUID.randomUUID().toString();
        expectInvalid("sourceConversationId", () -> new NewFact(FactCategory.FACT, "x", 0.5, null, id));
        expectInvalid("sourceConversationId", () -> new NewFact(FactCategory.FACT, "x", 0.5, "not-an-id", null));
        expectInvalid("sourceMessageId", () -> new NewFact(FactCategory.FACT, "x", 0.5, id, "not-an-id"));
        assertThat(NewFact.of(FactCategory.FACT, "x", 0.5).learnedIn(id).sourceConversationId()).isEqualTo(id);
    }

    @Test
    void anUpdateChangesSomething() {
        expectInvalid("update", () -> new FactUpdate(null, null));
        assertThat(FactUpdate.confidence(0.25).confidence()).isEqualTo(0.25);
        expectInvalid("category", () -> FactQuery.all().withCategory(null));
    }
}
