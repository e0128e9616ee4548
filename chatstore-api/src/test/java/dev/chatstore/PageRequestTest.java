package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PageRequest: a cursor or none, a size of at least 1 or the listing's default. */
class PageRequestTest {

    @Test
    void firstIsTheFirstPageAtTheDefaultSize() {
        assertThat(PageRequest.first().cursor()).as("no cursor").isNull();
        assertThat(PageRequest.first().limit()).as("no size: the listing's default").isEmpty();
        assertThat(PageRequest.first()).as("equal to itself").isEqualTo(PageRequest.first());
        assertThat(PageRequest.first().toString()).as("says it uses the default").contains("default");
    }

    @Test
    void aGivenSizeIsKept() {
        assertThat(PageRequest.first(1).limit()).as("the smallest size").hasValue(1);
        assertThat(PageRequest.first(Integer.MAX_VALUE).limit()).as("any size; the store checks the maximum")
                .hasValue(Integer.MAX_VALUE);
        PageRequest at = PageRequest.at("cursor-1", 7);
        assertThat(at.cursor()).as("the cursor").isEqualTo("cursor-1");
        assertThat(at.limit()).as("the size").hasValue(7);
        assertThat(PageRequest.at("cursor-1").limit()).as("a cursor without a size").isEmpty();
    }

    @Test
    void aSizeBelowOneIsInvalidInput() {
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
            expectInvalid("limit", () -> PageRequest.first(limit));
            expectInvalid("limit", () -> PageRequest.at("cursor", limit));
        }
    }

    @Test
    void aCursorMustBeGivenAndNotBlank() {
        for (String cursor : new String[] {null, "", " ", "\n\t"}) {
            expectInvalid("cursor", () -> PageRequest.at(cursor));
            expectInvalid("cursor", () -> PageRequest.at(cursor, 10));
        }
    }

    @Test
    void equalityIsByCursorAndSize() {
        assertThat(PageRequest.at("c", 5)).isEqualTo(PageRequest.at("c", 5)).hasSameHashCodeAs(PageRequest.at("c", 5));
        assertThat(PageRequest.at("c", 5)).isNotEqualTo(PageRequest.at("c", 6)).isNotEqualTo(PageRequest.at("d", 5));
        assertThat(PageRequest.at("c")).as("no size is not size 50").isNotEqualTo(PageRequest.at("c", 50));
        assertThat(PageRequest.first(20)).as("the first page with a size").isNotEqualTo(PageRequest.first());
    }
}
