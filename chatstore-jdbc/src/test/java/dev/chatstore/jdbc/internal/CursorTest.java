package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {
    private final Cursor cursor = new Cursor("messages-newest-first", "conv-1", true, List.of("42"));

    @Test
    void roundTrips() {
        Cursor decoded = Cursor.decode(cursor.encode(), "messages-newest-first", "conv-1", 1);
        assertThat(decoded).isEqualTo(cursor);
        assertThat(decoded.longPart(0)).isEqualTo(42);
    }

    @Test
    void rejectsAnyChangedCharacter() {
        String text = cursor.encode();
        for (int i = 0; i < text.length(); i++) {
            char replacement = text.charAt(i) == 'A' ? 'B' : 'A';
            String garbled = text.substring(0, i) + replacement + text.substring(i + 1);
            assertThatThrownBy(() -> Cursor.decode(garbled, "messages-newest-first", "conv-1", 1))
                    .as("cursor changed at %d", i)
                    .isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).argument()).isEqualTo("cursor");
        }
    }

    @Test
    void rejectsAForgedCursorWithoutTheRightChecksum() {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "c1\u001fmessages-newest-first\u001fconv-1\u001ff\u001f1\u001f0".getBytes());
        assertThatThrownBy(() -> Cursor.decode(forged, "messages-newest-first", "conv-1", 1))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rejectsACursorOfAnotherListingOrScope() {
        assertThatThrownBy(() -> Cursor.decode(cursor.encode(), "messages-oldest-first", "conv-1", 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("another listing");
        assertThatThrownBy(() -> Cursor.decode(cursor.encode(), "messages-newest-first", "conv-2", 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("another listing");
    }

    @Test
    void rejectsTextThatIsNotBase64() {
        assertThatThrownBy(() -> Cursor.decode("%%%not a cursor", "x", "", 1)).isInstanceOf(InvalidInputException.class);
    }
}
