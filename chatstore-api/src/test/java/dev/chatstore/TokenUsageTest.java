package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TokenUsage: a model name and token counts, each unknown (null) or not negative. */
class TokenUsageTest {

    @Test
    void countsAreNotNegative() {
        expectInvalid("promptTokens", () -> new TokenUsage("m", -1, 0));
        expectInvalid("completionTokens", () -> new TokenUsage("m", 0, -1));
        expectInvalid("completionTokens", () -> new TokenUsage("m", 1, Integer.MIN_VALUE));
        assertThat(new TokenUsage(null, null, null)).as("all unknown is NONE").isEqualTo(TokenUsage.NONE);
    }

    @Test
    void theModelIsNonBlankStorableText() {
        expectInvalid("model", () -> new TokenUsage(" ", 1, 1));
        expectInvalid("model", () -> TokenUsage.of("m\0", 1, 1));
        expectInvalid("model", () -> TokenUsage.of(null, 1, 1));
    }
}
