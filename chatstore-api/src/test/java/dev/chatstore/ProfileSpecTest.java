package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ProfileSpec checks the email's shape and the display name when built. */
class ProfileSpecTest {

    @Test
    void anEmailHasAnAtBetweenTwoPartsAndNoSurroundingSpace() {
        for (String email : Arrays.asList("no-at-sign", "@example.com", "alice@", " alice@example.com", "alice@example.com ",
                "", "e".repeat(Limits.EMAIL_MAX) + "@x", "a\0@example.com")) {
            expectInvalid("email", () -> new ProfileSpec(email, "A", true));
        }
        assertThat(new ProfileSpec("alice@example.com", "A", true).email()).isEqualTo("alice@example.com");
        assertThat(new ProfileSpec(null, null, false).email()).as("no email").isNull();
    }

    @Test
    void theDisplayNameIsNonBlankWhenGiven() {
        expectInvalid("displayName", () -> new ProfileSpec(null, "  ", true));
        expectInvalid("displayName", () -> ProfileSpec.named(null));
        expectInvalid("displayName", () -> ProfileSpec.named("d".repeat(Limits.DISPLAY_NAME_MAX + 1)));
    }
}
