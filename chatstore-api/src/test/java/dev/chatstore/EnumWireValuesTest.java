package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The enums cross the wire as lowercase names; anything else is invalid input naming the field. */
class EnumWireValuesTest {
    private static final Map<String, Function<String, ? extends Enum<?>>> PARSERS = Map.of(
            "role", Role::parse, "category", FactCategory::parse, "status", AttachmentStatus::parse,
            "type", MessageType::parse, "rating", Rating::parse);

    @Test
    void everyLowercaseNameParsesBack() {
        for (Role r : Role.values()) {
            assertThat(Role.parse(r.wireName())).isEqualTo(r);
        }
        for (PersonaStatus s : PersonaStatus.values()) {
            assertThat(PersonaStatus.parse(s.wireName())).isEqualTo(s);
        }
        assertThat(PersonaStatus.parse("coming_soon")).isEqualTo(PersonaStatus.COMING_SOON);
        assertThat(Rating.parse("thumbs_down")).isEqualTo(Rating.THUMBS_DOWN);
        assertThat(MessageType.parse("multimodal")).isEqualTo(MessageType.MULTIMODAL);
        assertThat(FactCategory.parse("goal")).isEqualTo(FactCategory.GOAL);
        assertThat(AttachmentStatus.parse("ready")).isEqualTo(AttachmentStatus.READY);
    }

    /** None of these is the wire name of any of the enums: unknown, upper-case, padded, blank, unstorable. */
    @Test
    void unknownUpperCaseBlankAndUnstorableValuesAreInvalid() {
        List<String> bad = Arrays.asList(null, "", " ", "admin", "video", "USER", "Assistant", "thumbs up", "ready ",
                " user", "user\0", "\uD800", "' OR '1'='1", "opinion", "FACT", "done");
        PARSERS.forEach((field, parse) -> {
            for (String value : bad) {
                expectInvalid(field, () -> parse.apply(value));
            }
        });
        for (String value : Arrays.asList(null, "retired", "COMING_SOON", "active\0")) {
            expectInvalid("status", () -> PersonaStatus.parse(value));
        }
    }
}
