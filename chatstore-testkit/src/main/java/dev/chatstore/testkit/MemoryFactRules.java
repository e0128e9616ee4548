package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.FactUpdate;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.NewFact;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory facts: adding, filtering, ordering (confidence, then newest), paging, updating, sources,
 * and unknown ids.
 */
public interface MemoryFactRules extends StoreFixture {

    private MemoryFact fact(UserChats user, FactCategory category, String content, double confidence) {
        clock().advance(Duration.ofSeconds(1));
        return user.facts().add(NewFact.of(category, content, confidence));
    }

    private List<String> listed(FactQuery query) {
        return Samples.factIds(Pages.all(p -> alice().facts().list(query, p), Limits.FACTS_PAGE_MAX));
    }

    /** add stores the fact active with clock times, and get returns it exactly: look at the insert and the row mapper. */
    @Test
    default void addReturnsAnActiveFactWithClockTimes() {
        MemoryFact f = alice().facts().add(NewFact.of(FactCategory.PREFERENCE, "Prefers tea 🍵", 0.75));
        assertThat(f.id()).as("id is a lowercase UUID").matches(Samples.ID_PATTERN);
        assertThat(f.userId()).as("owner").isEqualTo(ALICE);
        assertThat(f.category()).as("category").isEqualTo(FactCategory.PREFERENCE);
        assertThat(f.content()).as("content").isEqualTo("Prefers tea 🍵");
        assertThat(f.confidence()).as("confidence").isEqualTo(0.75);
        assertThat(f.active()).as("new facts are active").isTrue();
        assertThat(f.sourceConversationId()).as("no source conversation").isNull();
        assertThat(f.sourceMessageId()).as("no source message").isNull();
        assertThat(f.createdAt()).as("createdAt from the clock").isEqualTo(clock().now());
        assertThat(f.updatedAt()).as("updatedAt from the clock").isEqualTo(clock().now());
        assertThat(alice().facts().get(f.id())).as("get returns what add returned").contains(f);
    }

    /** A fact keeps its source ids and full double confidence: look at the source columns and the confidence column type. */
    @Test
    default void addWithASourceKeepsTheSourceIds() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "I am a vegetarian");
        MemoryFact f = alice().facts().add(NewFact.of(FactCategory.FACT, "Vegetarian", 0.123456789012345)
                .learnedFrom(c.id(), m.id()));
        MemoryFact inConversation = alice().facts().add(NewFact.of(FactCategory.GOAL, "Cook more", 1.0).learnedIn(c.id()));
        assertThat(alice().facts().get(f.id())).as("stored with both sources").contains(f);
        assertThat(f.sourceConversationId()).as("source conversation").isEqualTo(c.id());
        assertThat(f.sourceMessageId()).as("source message").isEqualTo(m.id());
        assertThat(f.confidence()).as("confidence keeps its precision").isEqualTo(0.123456789012345);
        assertThat(inConversation.sourceConversationId()).as("conversation-only source").isEqualTo(c.id());
        assertThat(inConversation.sourceMessageId()).as("no message").isNull();
    }

    /**
     * Every category and the confidence bounds 0 and 1 round-trip: look at the category column (wire names) and
     * confidence checks.
     */
    @Test
    default void everyCategoryAndTheConfidenceBoundsRoundTrip() {
        for (FactCategory category : FactCategory.values()) {
            for (double confidence : new double[] {0.0, 1.0}) {
                MemoryFact f = alice().facts().add(NewFact.of(category, category.wireName(), confidence));
                assertThat(alice().facts().get(f.id())).as("%s with confidence %s round-trips", category, confidence).contains(f);
            }
            assertThat(FactCategory.parse(category.wireName())).as("wire name of %s parses back", category).isEqualTo(category);
        }
    }

    /** Look at the ORDER BY: confidence descending, then creation descending. */
    @Test
    default void listIsHighestConfidenceFirstThenNewestFirst() {
        MemoryFact a = fact(alice(), FactCategory.FACT, "a", 0.5);
        MemoryFact b = fact(alice(), FactCategory.FACT, "b", 0.9);
        MemoryFact c = fact(alice(), FactCategory.SKILL, "c", 0.5);
        MemoryFact d = fact(alice(), FactCategory.GOAL, "d", 0.9);
        MemoryFact e = fact(alice(), FactCategory.FACT, "e", 0.7);
        assertThat(listed(FactQuery.all())).as("confidence desc, then newest first")
                .containsExactly(d.id(), b.id(), e.id(), c.id(), a.id());
    }

    /** withCategory lists only that category: look at the category condition of the listing. */
    @Test
    default void listFiltersByCategory() {
        MemoryFact skill1 = fact(alice(), FactCategory.SKILL, "java", 0.8);
        fact(alice(), FactCategory.GOAL, "run", 0.8);
        MemoryFact skill2 = fact(alice(), FactCategory.SKILL, "sql", 0.6);
        assertThat(listed(FactQuery.all().withCategory(FactCategory.SKILL))).as("only skills")
                .containsExactly(skill1.id(), skill2.id());
        assertThat(listed(FactQuery.all().withCategory(FactCategory.PREFERENCE))).as("no preferences").isEmpty();
    }

    /** onlyActive leaves deactivated facts out, all() keeps them: look at the active condition of the listing. */
    @Test
    default void listOnlyActiveLeavesOutDeactivatedFacts() {
        MemoryFact kept = fact(alice(), FactCategory.FACT, "kept", 0.8);
        MemoryFact off = fact(alice(), FactCategory.FACT, "off", 0.9);
        alice().facts().deactivate(off.id());
        assertThat(listed(FactQuery.all().onlyActive())).as("only active").containsExactly(kept.id());
        assertThat(listed(FactQuery.all())).as("all, inactive included").containsExactly(off.id(), kept.id());
    }

    /** minConfidence is inclusive: look at the comparison (>=, not >). */
    @Test
    default void listMinConfidenceIsInclusive() {
        MemoryFact low = fact(alice(), FactCategory.FACT, "low", 0.49);
        MemoryFact exact = fact(alice(), FactCategory.FACT, "exact", 0.5);
        MemoryFact high = fact(alice(), FactCategory.FACT, "high", 0.51);
        assertThat(listed(FactQuery.all().withMinConfidence(0.5))).as("0.5 and above").containsExactly(high.id(), exact.id());
        assertThat(listed(FactQuery.all().withMinConfidence(0.0))).as("0 lists everything").contains(low.id()).hasSize(3);
    }

    /** Filters combine with AND: look at how the listing's conditions are assembled. */
    @Test
    default void listFiltersCombine() {
        MemoryFact match = fact(alice(), FactCategory.SKILL, "match", 0.8);
        fact(alice(), FactCategory.SKILL, "too unsure", 0.3);
        fact(alice(), FactCategory.GOAL, "wrong category", 0.9);
        MemoryFact inactive = fact(alice(), FactCategory.SKILL, "inactive", 0.9);
        alice().facts().deactivate(inactive.id());
        assertThat(listed(FactQuery.all().withCategory(FactCategory.SKILL).onlyActive().withMinConfidence(0.5)))
                .as("skill AND active AND confidence >= 0.5").containsExactly(match.id());
    }

    /**
     * Fact pages default to 50, allow 200, and walk both ways across confidence ties: look at the (confidence,
     * created, id) keyset condition.
     */
    @Test
    default void factListPagesByKeysetDefaultFiftyAtMostTwoHundred() {
        for (int i = 0; i < 55; i++) {
            fact(alice(), FactCategory.FACT, "f" + i, (i % 3) / 2.0);
        }
        List<String> all = listed(FactQuery.all());
        assertThat(all).as("every fact once").hasSize(55).doesNotHaveDuplicates();
        Page<MemoryFact> first = alice().facts().list(FactQuery.all(), PageRequest.first());
        assertThat(first.items()).as("default page size").hasSize(Limits.FACTS_PAGE_DEFAULT);
        assertThat(first.hasPrevious()).as("nothing before the first page").isFalse();
        List<Page<MemoryFact>> pages = Pages.walk(p -> alice().facts().list(FactQuery.all(), p), 4);
        assertThat(Samples.factIds(Pages.items(pages))).as("pages of 4 give the same order").isEqualTo(all);
        Page<MemoryFact> back = alice().facts().list(FactQuery.all(), PageRequest.at(pages.get(2).previousCursor(), 4));
        assertThat(Samples.factIds(back.items())).as("previous of page 3 is page 2")
                .isEqualTo(Samples.factIds(pages.get(1).items()));
        assertThat(alice().facts().list(FactQuery.all(), PageRequest.first(Limits.FACTS_PAGE_MAX)).items())
                .as("200 allowed").hasSize(55);
        expectInvalid("limit", () -> alice().facts().list(FactQuery.all(), PageRequest.first(Limits.FACTS_PAGE_MAX + 1)));
    }

    /** update changes only what FactUpdate names and stamps updatedAt: look at the UPDATE's handling of null fields. */
    @Test
    default void updateChangesContentAndConfidenceAndStampsUpdatedAt() {
        MemoryFact f = fact(alice(), FactCategory.FACT, "old", 0.5);
        Instant later = clock().advance(Duration.ofMinutes(1));
        MemoryFact content = alice().facts().update(f.id(), FactUpdate.content("new"));
        assertThat(content.content()).as("new content").isEqualTo("new");
        assertThat(content.confidence()).as("confidence kept").isEqualTo(0.5);
        assertThat(content.updatedAt()).as("updatedAt from the clock").isEqualTo(later);
        assertThat(content.createdAt()).as("createdAt kept").isEqualTo(f.createdAt());
        MemoryFact confidence = alice().facts().update(f.id(), FactUpdate.confidence(0.25));
        assertThat(confidence.content()).as("content kept").isEqualTo("new");
        assertThat(confidence.confidence()).as("new confidence").isEqualTo(0.25);
        MemoryFact both = alice().facts().update(f.id(), FactUpdate.content("newest").andConfidence(1.0));
        assertThat(both).as("both changed").extracting(MemoryFact::content, MemoryFact::confidence).containsExactly("newest", 1.0);
        assertThat(alice().facts().get(f.id())).as("get returns the updated fact").contains(both);
    }

    /** A confidence update moves the fact in the listing: look at the listing's ORDER BY and the confidence UPDATE. */
    @Test
    default void updatingConfidenceReordersTheList() {
        MemoryFact a = fact(alice(), FactCategory.FACT, "a", 0.9);
        MemoryFact b = fact(alice(), FactCategory.FACT, "b", 0.5);
        alice().facts().update(b.id(), FactUpdate.confidence(0.95));
        assertThat(listed(FactQuery.all())).as("b now has the highest confidence").containsExactly(b.id(), a.id());
    }

    /** deactivate keeps the fact, marks it inactive and stamps updatedAt: look at the deactivate UPDATE. */
    @Test
    default void deactivateKeepsTheFactButMarksItInactive() {
        MemoryFact f = fact(alice(), FactCategory.FACT, "x", 0.5);
        Instant later = clock().advance(Duration.ofMinutes(1));
        MemoryFact off = alice().facts().deactivate(f.id());
        assertThat(off.active()).as("inactive").isFalse();
        assertThat(off.updatedAt()).as("updatedAt from the clock").isEqualTo(later);
        assertThat(off.content()).as("content kept").isEqualTo("x");
        assertThat(alice().facts().get(f.id())).as("still stored").contains(off);
    }

    /** delete removes the fact and reports whether it did: look at the DELETE and its affected-row count. */
    @Test
    default void deleteRemovesTheFact() {
        MemoryFact f = fact(alice(), FactCategory.FACT, "x", 0.5);
        MemoryFact other = fact(alice(), FactCategory.FACT, "y", 0.5);
        assertThat(alice().facts().delete(f.id())).as("first delete").isTrue();
        assertThat(alice().facts().get(f.id())).as("gone").isEmpty();
        assertThat(listed(FactQuery.all())).as("only the other fact is listed").containsExactly(other.id());
        assertThat(alice().facts().delete(f.id())).as("second delete finds nothing").isFalse();
    }

    /**
     * The source message must belong to the source conversation. Which exception is not pinned by the
     * API (NotFoundException, as for a reply-to elsewhere, or InvalidInputException); nothing is stored.
     */
    @Test
    default void sourceMessageMustBelongToTheSourceConversation() {
        Conversation c = newConversation(alice());
        Conversation other = newConversation(alice());
        Message elsewhere = say(alice(), other.id(), "elsewhere");
        Throwable thrown = catchThrowable(() -> alice().facts().add(
                NewFact.of(FactCategory.FACT, "x", 0.5).learnedFrom(c.id(), elsewhere.id())));
        assertThat(thrown).as("a source message from another conversation is rejected")
                .isInstanceOfAny(NotFoundException.class, InvalidInputException.class);
        expectNotFound("unknown source conversation", () -> alice().facts().add(
                NewFact.of(FactCategory.FACT, "x", 0.5).learnedIn(unknownId())));
        expectNotFound("unknown source message", () -> alice().facts().add(
                NewFact.of(FactCategory.FACT, "x", 0.5).learnedFrom(c.id(), unknownId())));
        assertThat(listed(FactQuery.all())).as("nothing stored").isEmpty();
    }

    /** Deleting the source message nulls sourceMessageId only: look at the foreign key's ON DELETE SET NULL (not CASCADE). */
    @Test
    default void deletingTheSourceMessageClearsOnlySourceMessageId() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "I like jazz");
        MemoryFact f = alice().facts().add(NewFact.of(FactCategory.PREFERENCE, "jazz", 0.8).learnedFrom(c.id(), m.id()));
        alice().messages().delete(m.id());
        MemoryFact after = alice().facts().get(f.id()).orElseThrow(() -> new AssertionError("the fact must survive"));
        assertThat(after.sourceMessageId()).as("source message cleared").isNull();
        assertThat(after.sourceConversationId()).as("source conversation kept").isEqualTo(c.id());
        assertThat(after.content()).as("fact unchanged otherwise").isEqualTo("jazz");
    }

    /** Deleting the source conversation nulls both sources and keeps the facts: look at the foreign keys' ON DELETE SET NULL. */
    @Test
    default void deletingTheSourceConversationClearsBothSources() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "I like jazz");
        MemoryFact f = alice().facts().add(NewFact.of(FactCategory.PREFERENCE, "jazz", 0.8).learnedFrom(c.id(), m.id()));
        MemoryFact g = alice().facts().add(NewFact.of(FactCategory.GOAL, "gig", 0.4).learnedIn(c.id()));
        alice().conversations().delete(c.id());
        for (MemoryFact fact : List.of(f, g)) {
            MemoryFact after = alice().facts().get(fact.id()).orElseThrow(() -> new AssertionError("the fact must survive"));
            assertThat(after.sourceConversationId()).as("source conversation cleared for %s", fact.content()).isNull();
            assertThat(after.sourceMessageId()).as("source message cleared for %s", fact.content()).isNull();
        }
        assertThat(listed(FactQuery.all())).as("both facts still listed").hasSize(2);
    }

    /** Fact content of the maximum length, in multi-byte text, round-trips: look at the content column's size. */
    @Test
    default void factContentAtTheMaximumLengthRoundTrips() {
        MemoryFact f = alice().facts().add(NewFact.of(FactCategory.FACT, Samples.wide(Limits.FACT_CONTENT_MAX), 0.5));
        assertThat(alice().facts().get(f.id())).as("read back as added").contains(f);
        assertThat(f.content()).as("fact content at %d chars", Limits.FACT_CONTENT_MAX)
                .isEqualTo(Samples.wide(Limits.FACT_CONTENT_MAX));
    }

    /**
     * An unknown fact: reads empty, delete false, update and deactivate NotFoundException: look at how a missing row
     * is reported per method.
     */
    @Test
    default void anUnknownFactReadsEmptyAndEveryChangeIsNotFound() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        assertThat(alice().facts().get(id)).as("get").isEmpty();
        assertThat(alice().facts().delete(id)).as("delete").isFalse();
        expectNotFound("update", () -> alice().facts().update(id, FactUpdate.confidence(0.5)));
        expectNotFound("deactivate", () -> alice().facts().deactivate(id));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }
}
