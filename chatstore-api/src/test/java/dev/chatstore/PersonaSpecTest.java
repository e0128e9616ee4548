package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PersonaSpec checks its texts and lists when built; the status defaults to active. */
class PersonaSpecTest {

    @Test
    void requiredTextsAreNonBlankAndWithinTheirLimits() {
        expectInvalid("name", () -> PersonaSpec.of(" ", "D", "x"));
        expectInvalid("name", () -> PersonaSpec.of("n".repeat(Limits.PERSONA_NAME_MAX + 1), "D", "x"));
        expectInvalid("displayName", () -> PersonaSpec.of("n", "", "x"));
        expectInvalid("systemInstructions", () -> PersonaSpec.of("n", "D", null));
        expectInvalid("greeting", () -> PersonaSpec.of("n", "D", "x").withGreeting(" "));
        expectInvalid("avatarUrl", () -> PersonaSpec.of("n", "D", "x").withAvatarUrl("u".repeat(Limits.URL_MAX + 1)));
    }

    @Test
    void listsHoldAtMostTheMaximumOfNonBlankTexts() {
        expectInvalid("personalityTraits", () -> PersonaSpec.of("n", "D", "x")
                .withPersonalityTraits(Collections.nCopies(Limits.PERSONA_LIST_MAX + 1, "t")));
        expectInvalid("personalityTraits", () -> PersonaSpec.of("n", "D", "x").withPersonalityTraits(Arrays.asList("ok", null)));
        expectInvalid("suggestedOpeners", () -> PersonaSpec.of("n", "D", "x").withSuggestedOpeners(List.of("ok", " ")));
        assertThat(PersonaSpec.of("n", "D", "x").withPersonalityTraits(Collections.nCopies(Limits.PERSONA_LIST_MAX, "t"))
                .personalityTraits()).as("the maximum").hasSize(Limits.PERSONA_LIST_MAX);
    }

    @Test
    void theStatusDefaultsToActive() {
        assertThat(PersonaSpec.of("n", "D", "x").status()).isEqualTo(PersonaStatus.ACTIVE);
        assertThat(new PersonaSpec("n", "D", null, null, null, "x", null, null, null, null).status()).isEqualTo(PersonaStatus.ACTIVE);
    }
}
