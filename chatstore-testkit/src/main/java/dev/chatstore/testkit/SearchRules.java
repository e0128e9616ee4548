package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.ConversationFilter;
import dev.chatstore.FactCategory;
import dev.chatstore.FactUpdate;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.SearchHit;
import dev.chatstore.TextQuery;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Full-text search of messages, conversation titles, active memory facts and attachments' extracted
 * text: one syntax with the same results on every backend and every kind, case- and
 * diacritics-insensitive, literal characters never patterns, Chinese, Japanese and Korean searched
 * character by character, ranked and keyset-paged, scoped to the user and the query's filters
 * (conversation metadata filters included), and exact in the same transaction as every write.
 */
public interface SearchRules extends StoreFixture {

    /** The ids of every hit of {@code query}, all pages, in order. */
    private static List<String> ids(UserChats user, TextQuery query) {
        List<String> ids = new ArrayList<>();
        Page<SearchHit> page = user.search().text(query, PageRequest.first(7));
        while (true) {
            page.items().forEach(hit -> ids.add(hit.id()));
            if (!page.hasNext()) {
                return ids;
            }
            page = user.search().text(query, PageRequest.at(page.nextCursor(), 7));
        }
    }

    private List<String> find(String text) {
        return ids(alice(), TextQuery.of(text).onlyKinds(SearchHit.Kind.MESSAGE));
    }

    private List<String> find(String text, SearchHit.Kind kind) {
        return ids(alice(), TextQuery.of(text).onlyKinds(kind));
    }

    private static MemoryFact fact(UserChats user, String content) {
        return user.facts().add(NewFact.of(FactCategory.FACT, content, 0.5));
    }

    /** A file taken through processing to ready with {@code text} extracted. */
    private Attachment readyFile(UserChats user, String name, String text) {
        Attachment file = storedFile(user, name);
        user.attachments().markProcessing(file.id());
        return user.attachments().markReady(file.id(), text, text.split(" ").length);
    }

    private static Set<String> set(List<String> ids) {
        return new HashSet<>(ids);
    }

    @Test
    default void everyWordMustMatchInAnyCaseAndWithoutDiacritics() {
        String c = newConversation(alice()).id();
        Message cafe = say(alice(), c, "Meet me at the Café Central in Lisbon");
        Message both = say(alice(), c, "LISBON has a great cafe scene");
        say(alice(), c, "Porto has bakeries");
        assertThat(set(find("cafe lisbon"))).containsExactlyInAnyOrder(cafe.id(), both.id());
        assertThat(set(find("CAFÉ"))).containsExactlyInAnyOrder(cafe.id(), both.id());
        assertThat(find("cafe porto")).isEmpty();
    }

    @Test
    default void aPhraseMatchesItsWordsTogetherInOrder() {
        String c = newConversation(alice()).id();
        Message market = say(alice(), c, "Lunch at Time Out Market tomorrow");
        say(alice(), c, "We ran out of time at the market");
        assertThat(find("\"time out market\"")).containsExactly(market.id());
        assertThat(set(find("time out market"))).hasSize(2);
    }

    @Test
    default void excludedWordsAndAlternativesAndPrefixes() {
        String c = newConversation(alice()).id();
        Message lisbon = say(alice(), c, "Trams in Lisbon are yellow");
        Message porto = say(alice(), c, "Trams in Porto are old");
        Message madrid = say(alice(), c, "Madrid has a metro");
        assertThat(find("trams -porto")).containsExactly(lisbon.id());
        assertThat(find("trams -\"in porto\"")).containsExactly(lisbon.id());
        assertThat(set(find("porto OR madrid"))).containsExactlyInAnyOrder(porto.id(), madrid.id());
        assertThat(set(find("trams lisbon OR porto"))).containsExactlyInAnyOrder(lisbon.id(), porto.id());
        assertThat(find("lisb*")).containsExactly(lisbon.id());
        assertThat(find("\"yellow tra\"*")).isEmpty();
        assertThat(find("\"are yel\"*")).containsExactly(lisbon.id());
    }

    /** Look at how the query reaches the index: {@code %}, {@code _}, quotes and backslashes must be literal. */
    @Test
    default void punctuationInAWordIsLiteralNeverAPattern() {
        String c = newConversation(alice()).id();
        Message exact = say(alice(), c, "Today only: 50%_off everything");
        say(alice(), c, "50 off everything");
        say(alice(), c, "50% off everything");
        say(alice(), c, "500_offers");
        Message quote = say(alice(), c, "It's O'Brien's pub");
        Message path = say(alice(), c, "Saved to C:\\temp\\notes.txt");
        assertThat(find("50%_off")).containsExactly(exact.id());
        assertThat(find("o'brien's")).containsExactly(quote.id());
        assertThat(find("c:\\temp\\notes.txt")).containsExactly(path.id());
        assertThat(find("everything -50%_off")).hasSize(2).doesNotContain(exact.id());
    }

    @Test
    default void malformedQueriesNameTheProblem() {
        for (String bad : List.of("\"unclosed", "-", "OR", "lisbon OR", "OR lisbon", "-lisbon", "%%%", "\"\"",
                "a ".repeat(40), "x".repeat(1_001), " ", "nul\0byte")) {
            Throwable thrown = catchThrowable(() -> TextQuery.of(bad));
            assertThat(thrown).as("query %s", bad).isInstanceOf(InvalidInputException.class);
            assertThat(((InvalidInputException) thrown).argument()).isEqualTo("text");
        }
    }

    @Test
    default void aDenserShorterMatchRanksFirstAndTheOrderIsTotal() {
        String c = newConversation(alice()).id();
        Message weak = say(alice(), c, "tram " + "and many other words about the city and its streets ".repeat(5));
        Message strong = say(alice(), c, "tram tram tram");
        Message middle = say(alice(), c, "tram tram to the beach");
        List<SearchHit> hits = alice().search().text(TextQuery.of("tram").onlyKinds(SearchHit.Kind.MESSAGE),
                PageRequest.first(10)).items();
        assertThat(hits).extracting(SearchHit::id).containsExactly(strong.id(), middle.id(), weak.id());
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    default void aHitCarriesItsSnippetTitlePlaceAndRole() {
        Conversation c = alice().conversations().create(NewConversation.titled("Weekend plans"));
        say(alice(), c.id(), "first");
        Message reply = append(alice(), c.id(), NewMessage.assistant("Visit the Belém Tower early"));
        SearchHit hit = alice().search().text(TextQuery.of("belem"), PageRequest.first()).items().get(0);
        assertThat(hit.kind()).isEqualTo(SearchHit.Kind.MESSAGE);
        assertThat(hit.id()).isEqualTo(reply.id());
        assertThat(hit.conversationId()).isEqualTo(c.id());
        assertThat(hit.conversationTitle()).isEqualTo("Weekend plans");
        assertThat(hit.seq()).isEqualTo(2);
        assertThat(hit.role()).isEqualTo(Role.ASSISTANT);
        assertThat(hit.createdAt()).isEqualTo(reply.createdAt());
        assertThat(hit.snippet()).contains(SearchHit.HIGHLIGHT_START + "Belém" + SearchHit.HIGHLIGHT_END);
    }

    @Test
    default void titlesAreSearchedTooAndFollowRenames() {
        Conversation c = alice().conversations().create(NewConversation.titled("Trip to Lisbon"));
        SearchHit title = alice().search().text(TextQuery.of("lisbon"), PageRequest.first()).items().get(0);
        assertThat(title.kind()).isEqualTo(SearchHit.Kind.CONVERSATION_TITLE);
        assertThat(title.id()).isEqualTo(c.id());
        assertThat(title.seq()).isZero();
        assertThat(title.role()).isNull();
        alice().conversations().rename(c.id(), "Trip to Porto");
        assertThat(ids(alice(), TextQuery.of("lisbon"))).isEmpty();
        assertThat(ids(alice(), TextQuery.of("porto"))).containsExactly(c.id());
        assertThat(ids(alice(), TextQuery.of("porto").onlyKinds(SearchHit.Kind.MESSAGE))).isEmpty();
    }

    @Test
    default void filtersByConversationRoleTimeAndArchive() {
        Conversation one = newConversation(alice());
        Conversation two = newConversation(alice());
        Message early = say(alice(), one.id(), "tapas tonight");
        Instant later = clock().advance(Duration.ofHours(1));
        Message answer = append(alice(), one.id(), NewMessage.assistant("tapas are great"));
        Message elsewhere = say(alice(), two.id(), "tapas again");
        assertThat(set(ids(alice(), TextQuery.of("tapas").inConversation(one.id()))))
                .containsExactlyInAnyOrder(early.id(), answer.id());
        assertThat(ids(alice(), TextQuery.of("tapas").onlyRoles(Role.ASSISTANT))).containsExactly(answer.id());
        assertThat(ids(alice(), TextQuery.of("tapas").between(null, later))).containsExactly(early.id());
        assertThat(set(ids(alice(), TextQuery.of("tapas").between(later, null))))
                .containsExactlyInAnyOrder(answer.id(), elsewhere.id());
        alice().conversations().setArchived(two.id(), true);
        assertThat(set(ids(alice(), TextQuery.of("tapas").includeArchived(false))))
                .containsExactlyInAnyOrder(early.id(), answer.id());
        assertThat(ids(alice(), TextQuery.of("tapas"))).hasSize(3);
    }

    @Test
    default void anotherUsersTextIsNeverFound() {
        Conversation bobs = bob().conversations().create(NewConversation.titled("secret plans"));
        say(bob(), bobs.id(), "secret plans for the weekend");
        assertThat(ids(alice(), TextQuery.of("secret"))).isEmpty();
        assertThat(ids(alice(), TextQuery.of("secret").inConversation(bobs.id()))).isEmpty();
        assertThat(ids(bob(), TextQuery.of("secret"))).hasSize(2);
    }

    @Test
    default void pagesCoverEveryHitOnceAndCursorsBelongToTheirQuery() {
        String c = newConversation(alice()).id();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            expected.add(say(alice(), c, "olive " + "oil ".repeat(i % 4)).id());
        }
        say(alice(), c, "nothing here");
        List<String> seen = ids(alice(), TextQuery.of("olive"));
        assertThat(seen).hasSize(30).doesNotHaveDuplicates();
        assertThat(set(seen)).isEqualTo(expected);
        Page<SearchHit> first = alice().search().text(TextQuery.of("olive"), PageRequest.first(5));
        Throwable foreign = catchThrowable(() -> alice().search().text(TextQuery.of("oil"),
                PageRequest.at(first.nextCursor(), 5)));
        assertThat(foreign).isInstanceOf(InvalidInputException.class);
        Throwable otherUser = catchThrowable(() -> bob().search().text(TextQuery.of("olive"),
                PageRequest.at(first.nextCursor(), 5)));
        assertThat(otherUser).isInstanceOf(InvalidInputException.class);
        Page<SearchHit> second = alice().search().text(TextQuery.of("olive"), PageRequest.at(first.nextCursor(), 5));
        Page<SearchHit> back = alice().search().text(TextQuery.of("olive"), PageRequest.at(second.previousCursor(), 5));
        assertThat(back.items()).isEqualTo(first.items());
    }

    /** Look at the index's triggers or generated columns: every write must reach the index in its transaction. */
    @Test
    default void theIndexFollowsEveryWriteAtOnce() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "gazpacho recipe");
        assertThat(find("gazpacho")).containsExactly(m.id());
        alice().messages().editContent(m.id(), "salmorejo recipe");
        assertThat(find("gazpacho")).isEmpty();
        assertThat(find("salmorejo")).containsExactly(m.id());
        Message reply = append(alice(), c.id(), NewMessage.assistant("churros"));
        Message regenerated = alice().messages().regenerate(reply.id(), NewMessage.assistant("more churros")).message();
        assertThat(set(find("churros"))).containsExactlyInAnyOrder(reply.id(), regenerated.id());
        Message branched = alice().messages().editIntoBranch(m.id(), NewMessage.user("paella recipe")).message();
        assertThat(find("paella")).containsExactly(branched.id());
        alice().messages().delete(reply.id());
        assertThat(find("churros")).containsExactly(regenerated.id());
        alice().conversations().delete(c.id());
        assertThat(find("recipe")).isEmpty();
        assertThat(find("churros")).isEmpty();
    }

    @Test
    default void erasingAUserEmptiesTheirIndexOnly() {
        Conversation a = alice().conversations().create(NewConversation.titled("croissants"));
        say(alice(), a.id(), "croissants for breakfast");
        say(bob(), newConversation(bob()).id(), "croissants for bob");
        alice().erase();
        assertThat(ids(alice(), TextQuery.of("croissants"))).isEmpty();
        assertThat(ids(bob(), TextQuery.of("croissants"))).hasSize(1);
    }

    @Test
    default void factsAndAttachmentTextAreFoundInAnyCaseAndWithoutDiacritics() {
        MemoryFact cafe = fact(alice(), "Loves the Café Central in Lisbon");
        MemoryFact porto = fact(alice(), "Lived in Porto");
        Attachment receipt = readyFile(alice(), "receipt.pdf", "Receipt: CAFE NICOLA, LISBOA, two bicas");
        Attachment menu = readyFile(alice(), "menu.pdf", "Menu of the café, Porto branch");
        assertThat(set(ids(alice(), TextQuery.of("cafe")))).containsExactlyInAnyOrder(cafe.id(), receipt.id(), menu.id());
        assertThat(set(ids(alice(), TextQuery.of("CAFÉ porto")))).containsExactlyInAnyOrder(menu.id());
        assertThat(find("café", SearchHit.Kind.FACT)).containsExactly(cafe.id());
        assertThat(find("cafe", SearchHit.Kind.ATTACHMENT)).hasSize(2).doesNotContain(cafe.id());
        assertThat(find("porto", SearchHit.Kind.FACT)).containsExactly(porto.id());
        assertThat(find("\"two bicas\"", SearchHit.Kind.ATTACHMENT)).containsExactly(receipt.id());
        assertThat(find("lisbo*", SearchHit.Kind.ATTACHMENT)).containsExactly(receipt.id());
        assertThat(set(ids(alice(), TextQuery.of("porto -menu")))).containsExactlyInAnyOrder(porto.id());
        assertThat(set(ids(alice(), TextQuery.of("cafe").onlyKinds(SearchHit.Kind.FACT, SearchHit.Kind.ATTACHMENT))))
                .containsExactlyInAnyOrder(cafe.id(), receipt.id(), menu.id());
        assertThat(find("cafe")).as("messages only").isEmpty();
    }

    /** Look at the literal post-filter of the fact and attachment sources: it must read their own text column. */
    @Test
    default void punctuationIsLiteralInFactsAndAttachmentTextToo() {
        MemoryFact exact = fact(alice(), "Gets 50%_off at the gym");
        fact(alice(), "Gets 50% off at the gym");
        fact(alice(), "Gets 500_offers");
        Attachment path = readyFile(alice(), "log.txt", "Saved to C:\\temp\\notes.txt yesterday");
        readyFile(alice(), "other.txt", "Saved to c temp notes txt yesterday");
        Attachment quote = readyFile(alice(), "pub.txt", "O'Brien's pub, table 4");
        assertThat(ids(alice(), TextQuery.of("50%_off"))).containsExactly(exact.id());
        assertThat(ids(alice(), TextQuery.of("c:\\temp\\notes.txt"))).containsExactly(path.id());
        assertThat(ids(alice(), TextQuery.of("o'brien's"))).containsExactly(quote.id());
        assertThat(find("gets -50%_off", SearchHit.Kind.FACT)).hasSize(2).doesNotContain(exact.id());
        assertThat(find("yesterday -c:\\temp", SearchHit.Kind.ATTACHMENT)).hasSize(1).doesNotContain(path.id());
    }

    @Test
    default void aFactOrAttachmentHitCarriesItsSnippetAndPlace() {
        Conversation c = alice().conversations().create(NewConversation.titled("Weekend plans"));
        Message m = say(alice(), c.id(), "I want to see the tower");
        clock().advance(Duration.ofMinutes(1));
        MemoryFact sourced = alice().facts().add(
                NewFact.of(FactCategory.GOAL, "Wants to visit the Belém Tower", 0.9).learnedFrom(c.id(), m.id()));
        clock().advance(Duration.ofMinutes(1));
        MemoryFact plain = fact(alice(), "Has been to Belém twice");
        clock().advance(Duration.ofMinutes(1));
        Attachment file = storedFile(alice(), "guide.pdf");
        clock().advance(Duration.ofMinutes(1));
        alice().attachments().markProcessing(file.id());
        alice().attachments().markReady(file.id(), "A guide to Belém and its pastries", 7);

        SearchHit f = alice().search().text(TextQuery.of("tower belem").onlyKinds(SearchHit.Kind.FACT), PageRequest.first())
                .items().get(0);
        assertThat(f.kind()).isEqualTo(SearchHit.Kind.FACT);
        assertThat(f.id()).isEqualTo(sourced.id());
        assertThat(f.conversationId()).as("the source conversation").isEqualTo(c.id());
        assertThat(f.conversationTitle()).isEqualTo("Weekend plans");
        assertThat(f.seq()).isZero();
        assertThat(f.role()).isNull();
        assertThat(f.createdAt()).isEqualTo(sourced.createdAt());
        assertThat(f.snippet()).contains(SearchHit.HIGHLIGHT_START + "Belém" + SearchHit.HIGHLIGHT_END)
                .contains(SearchHit.HIGHLIGHT_START + "Tower" + SearchHit.HIGHLIGHT_END);

        SearchHit p = alice().search().text(TextQuery.of("twice").onlyKinds(SearchHit.Kind.FACT), PageRequest.first())
                .items().get(0);
        assertThat(p.id()).isEqualTo(plain.id());
        assertThat(p.conversationId()).as("a fact without a source").isNull();
        assertThat(p.conversationTitle()).isNull();

        SearchHit a = alice().search().text(TextQuery.of("pastries"), PageRequest.first()).items().get(0);
        assertThat(a.kind()).isEqualTo(SearchHit.Kind.ATTACHMENT);
        assertThat(a.id()).isEqualTo(file.id());
        assertThat(a.conversationId()).isNull();
        assertThat(a.conversationTitle()).isNull();
        assertThat(a.seq()).isZero();
        assertThat(a.role()).isNull();
        assertThat(a.createdAt()).as("the attachment's creation, not its extraction").isEqualTo(file.createdAt());
        assertThat(a.snippet()).contains(SearchHit.HIGHLIGHT_START + "pastries" + SearchHit.HIGHLIGHT_END);

        List<SearchHit> all = alice().search().text(TextQuery.of("belem"), PageRequest.first(10)).items();
        assertThat(all).extracting(SearchHit::kind).containsExactlyInAnyOrder(
                SearchHit.Kind.FACT, SearchHit.Kind.FACT, SearchHit.Kind.ATTACHMENT);
    }

    @Test
    default void aDenserShorterFactOrFileRanksFirst() {
        MemoryFact weak = fact(alice(), "tram " + "and many other words about the city and its streets ".repeat(5));
        MemoryFact strong = fact(alice(), "tram tram tram");
        assertThat(find("tram", SearchHit.Kind.FACT)).containsExactly(strong.id(), weak.id());
        Attachment longer = readyFile(alice(), "a.txt", "ferry " + "and many other words about the river and its banks ".repeat(5));
        Attachment shorter = readyFile(alice(), "b.txt", "ferry ferry ferry");
        assertThat(find("ferry", SearchHit.Kind.ATTACHMENT)).containsExactly(shorter.id(), longer.id());
    }

    /** Look at the memory_fact index's triggers or generated column, and at the active condition. */
    @Test
    default void theFactIndexFollowsEveryFactWriteAtOnce() {
        Conversation c = newConversation(alice());
        MemoryFact f = alice().facts().add(NewFact.of(FactCategory.PREFERENCE, "Likes gazpacho", 0.5).learnedIn(c.id()));
        assertThat(find("gazpacho", SearchHit.Kind.FACT)).containsExactly(f.id());
        alice().facts().update(f.id(), FactUpdate.content("Likes salmorejo"));
        assertThat(find("gazpacho", SearchHit.Kind.FACT)).isEmpty();
        assertThat(find("salmorejo", SearchHit.Kind.FACT)).containsExactly(f.id());
        alice().facts().update(f.id(), FactUpdate.confidence(0.9));
        assertThat(find("salmorejo", SearchHit.Kind.FACT)).as("after a confidence update").containsExactly(f.id());
        alice().conversations().delete(c.id());
        List<SearchHit> orphaned = alice().search().text(TextQuery.of("salmorejo"), PageRequest.first()).items();
        assertThat(orphaned).extracting(SearchHit::id).containsExactly(f.id());
        assertThat(orphaned.get(0).conversationId()).as("its source conversation was deleted").isNull();
        MemoryFact other = fact(alice(), "Likes salmorejo cold");
        alice().facts().deactivate(f.id());
        assertThat(find("salmorejo", SearchHit.Kind.FACT)).as("a deactivated fact").containsExactly(other.id());
        assertThat(alice().facts().delete(other.id())).isTrue();
        assertThat(find("salmorejo", SearchHit.Kind.FACT)).isEmpty();
        assertThat(alice().facts().delete(f.id())).isTrue();
        assertThat(find("salmorejo", SearchHit.Kind.FACT)).isEmpty();
        assertThat(find("likes", SearchHit.Kind.FACT)).isEmpty();
    }

    /** Look at the attachment index's triggers or generated column: extracted text is set by markReady. */
    @Test
    default void theAttachmentIndexFollowsItsExtractedTextAtOnce() {
        Attachment file = storedFile(alice(), "churros.pdf");
        assertThat(ids(alice(), TextQuery.of("churros"))).as("a file name is not its text").isEmpty();
        alice().attachments().markProcessing(file.id());
        assertThat(find("chocolate", SearchHit.Kind.ATTACHMENT)).isEmpty();
        alice().attachments().markReady(file.id(), "Churros with hot chocolate", 4);
        assertThat(find("chocolate", SearchHit.Kind.ATTACHMENT)).containsExactly(file.id());
        Attachment failed = storedFile(alice(), "failed.pdf");
        alice().attachments().markProcessing(failed.id());
        alice().attachments().markError(failed.id(), "chocolate could not be read");
        assertThat(find("chocolate", SearchHit.Kind.ATTACHMENT)).as("error text is not extracted text")
                .containsExactly(file.id());
        Attachment empty = storedFile(alice(), "blank.pdf");
        alice().attachments().markProcessing(empty.id());
        alice().attachments().markReady(empty.id(), null, null);
        assertThat(find("chocolate OR blank OR pdf", SearchHit.Kind.ATTACHMENT)).containsExactly(file.id());
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "see attached");
        append(alice(), c.id(), NewMessage.user("the file").attachments(file.id()));
        alice().conversations().delete(c.id());
        assertThat(find("chocolate", SearchHit.Kind.ATTACHMENT)).as("its conversation went, the file stays")
                .containsExactly(file.id());
        assertThat(alice().attachments().delete(file.id())).isTrue();
        assertThat(find("chocolate", SearchHit.Kind.ATTACHMENT)).isEmpty();
        assertThat(ids(alice(), TextQuery.of("churros OR chocolate"))).isEmpty();
    }

    @Test
    default void filtersApplyToFactsAndAttachmentsAsTheQuerySays() {
        Conversation one = newConversation(alice());
        Conversation two = newConversation(alice());
        Message inOne = say(alice(), one.id(), "sardines tonight");
        MemoryFact fromOne = alice().facts().add(NewFact.of(FactCategory.FACT, "Eats sardines", 0.5).learnedIn(one.id()));
        MemoryFact fromTwo = alice().facts().add(NewFact.of(FactCategory.FACT, "Grills sardines", 0.5).learnedIn(two.id()));
        MemoryFact unsourced = fact(alice(), "Buys sardines");
        Attachment linked = readyFile(alice(), "linked.pdf", "sardines recipe");
        alice().attachments().linkToConversation(linked.id(), one.id());
        Attachment attached = readyFile(alice(), "attached.pdf", "sardines in tins");
        append(alice(), one.id(), NewMessage.user("here").attachments(attached.id()));
        Instant later = clock().advance(Duration.ofHours(1));
        Attachment orphan = readyFile(alice(), "orphan.pdf", "sardines market prices");
        Attachment both = readyFile(alice(), "both.pdf", "sardines festival");
        alice().attachments().linkToConversation(both.id(), one.id());
        alice().attachments().linkToConversation(both.id(), two.id());
        Attachment onlyTwo = readyFile(alice(), "two.pdf", "sardines on toast");
        alice().attachments().linkToConversation(onlyTwo.id(), two.id());
        MemoryFact late = fact(alice(), "Dreams of sardines");

        assertThat(set(ids(alice(), TextQuery.of("sardines").inConversation(one.id()))))
                .as("in conversation one: its message, the facts learned in it, the files linked to it")
                .containsExactlyInAnyOrder(inOne.id(), fromOne.id(), linked.id(), attached.id(), both.id());
        assertThat(ids(alice(), TextQuery.of("sardines").onlyRoles(Role.USER)))
                .as("roles: messages only").containsExactly(inOne.id());
        assertThat(ids(alice(), TextQuery.of("sardines").onlyRoles(Role.USER).onlyKinds(SearchHit.Kind.FACT)))
                .as("roles and only facts").isEmpty();
        assertThat(set(ids(alice(), TextQuery.of("sardines").between(null, later))))
                .as("created before").containsExactlyInAnyOrder(inOne.id(), fromOne.id(), fromTwo.id(), unsourced.id(),
                        linked.id(), attached.id());
        assertThat(set(ids(alice(), TextQuery.of("sardines").between(later, null))))
                .as("created after").containsExactlyInAnyOrder(orphan.id(), both.id(), onlyTwo.id(), late.id());
        alice().conversations().setArchived(two.id(), true);
        assertThat(set(ids(alice(), TextQuery.of("sardines").includeArchived(false))))
                .as("without what belongs only to the archived conversation")
                .containsExactlyInAnyOrder(inOne.id(), fromOne.id(), unsourced.id(), late.id(), linked.id(), attached.id(),
                        orphan.id(), both.id());
        assertThat(ids(alice(), TextQuery.of("sardines"))).hasSize(10);
    }

    @Test
    default void pagesCoverHitsOfEveryKindOnceInOneOrder() {
        Set<String> expected = new HashSet<>();
        String c = newConversation(alice()).id();
        for (int i = 0; i < 8; i++) {
            String text = "quince " + "jam ".repeat(i % 3);
            expected.add(say(alice(), c, text).id());
            expected.add(fact(alice(), text).id());
            expected.add(readyFile(alice(), "q" + i + ".txt", text).id());
        }
        expected.add(alice().conversations().create(NewConversation.titled("quince")).id());
        List<String> seen = ids(alice(), TextQuery.of("quince"));
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(set(seen)).isEqualTo(expected);
        List<SearchHit> hits = alice().search().text(TextQuery.of("quince"), PageRequest.first(25)).items();
        assertThat(hits).extracting(SearchHit::id).as("one page holds the same order as pages of 7").isEqualTo(seen);
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i - 1).score()).as("scores descend").isGreaterThanOrEqualTo(hits.get(i).score());
        }
        Page<SearchHit> first = alice().search().text(TextQuery.of("quince"), PageRequest.first(6));
        Page<SearchHit> second = alice().search().text(TextQuery.of("quince"), PageRequest.at(first.nextCursor(), 6));
        Page<SearchHit> back = alice().search().text(TextQuery.of("quince"), PageRequest.at(second.previousCursor(), 6));
        assertThat(back.items()).isEqualTo(first.items());
    }

    @Test
    default void anotherUsersFactsAndFilesAreNeverFound() {
        Conversation bobs = newConversation(bob());
        MemoryFact bobsFact = bob().facts().add(NewFact.of(FactCategory.FACT, "secret recipe", 0.5).learnedIn(bobs.id()));
        Attachment bobsFile = readyFile(bob(), "secret.pdf", "secret recipe scan");
        bob().attachments().linkToConversation(bobsFile.id(), bobs.id());
        assertThat(ids(alice(), TextQuery.of("secret"))).isEmpty();
        assertThat(ids(alice(), TextQuery.of("secret").inConversation(bobs.id()))).isEmpty();
        assertThat(ids(alice(), TextQuery.of("recipe").onlyKinds(SearchHit.Kind.FACT, SearchHit.Kind.ATTACHMENT))).isEmpty();
        MemoryFact alicesFact = fact(alice(), "secret handshake");
        assertThat(ids(alice(), TextQuery.of("secret"))).containsExactly(alicesFact.id());
        assertThat(set(ids(bob(), TextQuery.of("secret")))).containsExactlyInAnyOrder(bobsFact.id(), bobsFile.id());
    }

    @Test
    default void erasingAUserEmptiesTheirFactAndFileIndexOnly() {
        fact(alice(), "croissants for breakfast");
        Attachment file = readyFile(alice(), "menu.pdf", "croissants and coffee");
        alice().attachments().linkToConversation(file.id(), newConversation(alice()).id());
        MemoryFact bobs = fact(bob(), "croissants for bob");
        Attachment bobsFile = readyFile(bob(), "bob.pdf", "croissants for bob too");
        alice().erase();
        assertThat(ids(alice(), TextQuery.of("croissants"))).isEmpty();
        assertThat(set(ids(bob(), TextQuery.of("croissants")))).containsExactlyInAnyOrder(bobs.id(), bobsFile.id());
    }

    /**
     * Look at the conversation subquery of each hit kind (the listings' filter condition): messages and titles of
     * the passing conversations, facts learned in them and files linked to them, nothing else.
     */
    @Test
    default void aConversationFilterKeepsWhatBelongsToPassingConversationsOnly() {
        Conversation red = alice().conversations().create(NewConversation.titled("harbour trip")
                .withMetadata(Map.of("team", "red", "tags", List.of("travel", "boats"))));
        Conversation blue = alice().conversations().create(NewConversation.titled("harbour party")
                .withMetadata(Map.of("team", "blue", "tags", List.of("boats"))));
        Conversation redToo = alice().conversations().create(NewConversation.untitled().withMetadata(Map.of("team", "red")));
        Message inRed = say(alice(), red.id(), "harbour at dawn");
        Message inBlue = say(alice(), blue.id(), "harbour at night");
        Message inRedToo = say(alice(), redToo.id(), "harbour lights");
        MemoryFact fromRed = alice().facts().add(NewFact.of(FactCategory.FACT, "Likes the harbour", 0.5).learnedIn(red.id()));
        MemoryFact fromBlue = alice().facts().add(NewFact.of(FactCategory.FACT, "Sails from the harbour", 0.5)
                .learnedIn(blue.id()));
        MemoryFact unsourced = fact(alice(), "Lives by a harbour");
        Attachment linkedRed = readyFile(alice(), "red.pdf", "harbour map");
        alice().attachments().linkToConversation(linkedRed.id(), red.id());
        Attachment linkedBlue = readyFile(alice(), "blue.pdf", "harbour tides");
        alice().attachments().linkToConversation(linkedBlue.id(), blue.id());
        Attachment attached = readyFile(alice(), "lights.pdf", "harbour lights schedule");
        append(alice(), redToo.id(), NewMessage.user("the schedule").attachments(attached.id()));
        Attachment nowhere = readyFile(alice(), "fees.pdf", "harbour fees");
        ConversationFilter isRed = ConversationFilter.metadataEquals("team", "red");

        assertThat(set(ids(alice(), TextQuery.of("harbour").inConversations(isRed))))
                .as("the red conversations' messages, title, fact and files; no fact without a source, no file linked nowhere")
                .containsExactlyInAnyOrder(inRed.id(), red.id(), inRedToo.id(), fromRed.id(), linkedRed.id(), attached.id());
        assertThat(set(ids(alice(), TextQuery.of("harbour").inConversations(ConversationFilter.metadataContains("tags", "boats")))))
                .as("a list-valued key holding the value")
                .containsExactlyInAnyOrder(inRed.id(), red.id(), inBlue.id(), blue.id(), fromRed.id(), fromBlue.id(),
                        linkedRed.id(), linkedBlue.id());
        assertThat(ids(alice(), TextQuery.of("harbour dawn").inConversations(isRed))).as("the words and the filter")
                .containsExactly(inRed.id());
        assertThat(ids(alice(), TextQuery.of("harbour").inConversations(isRed.andMetadataContains("tags", "travel"))
                .onlyKinds(SearchHit.Kind.FACT))).as("every condition, and the kinds").containsExactly(fromRed.id());
        assertThat(ids(alice(), TextQuery.of("harbour").inConversations(isRed).inConversation(blue.id())))
                .as("a filter and a conversation it does not pass").isEmpty();
        alice().conversations().setPinned(redToo.id(), true);
        assertThat(set(ids(alice(), TextQuery.of("harbour").inConversations(ConversationFilter.pinned(true)))))
                .as("the pin condition").containsExactlyInAnyOrder(inRedToo.id(), attached.id());
        alice().conversations().setArchived(red.id(), true);
        assertThat(set(ids(alice(), TextQuery.of("harbour").inConversations(isRed).includeArchived(false))))
                .as("without the archived red conversation").containsExactlyInAnyOrder(inRedToo.id(), attached.id());
        assertThat(set(ids(alice(), TextQuery.of("harbour").inConversations(ConversationFilter.none()))))
                .as("no condition: everything").hasSize(12).contains(unsourced.id(), nowhere.id());
    }

    /** Look at the exact recheck of the filter condition: a near miss of type, key or shape passes nothing. */
    @Test
    default void aConversationFilterThatNoConversationPassesFindsNothing() {
        Conversation c = alice().conversations().create(NewConversation.titled("lantern")
                .withMetadata(Map.of("team", "red", "n", 1, "tags", List.of("a"))));
        say(alice(), c.id(), "lantern festival");
        alice().facts().add(NewFact.of(FactCategory.FACT, "Owns a lantern", 0.5).learnedIn(c.id()));
        fact(alice(), "Lost a lantern");
        readyFile(alice(), "lantern.pdf", "lantern manual");
        for (ConversationFilter nothing : List.of(ConversationFilter.metadataEquals("team", "blue"),
                ConversationFilter.metadataEquals("n", "1"), ConversationFilter.metadataEquals("missing", null),
                ConversationFilter.metadataContains("team", "red"), ConversationFilter.metadataEquals("tags", "a"),
                ConversationFilter.pinned(true))) {
            Page<SearchHit> page = alice().search().text(TextQuery.of("lantern").inConversations(nothing), PageRequest.first());
            assertThat(page.items()).as("filter %s", nothing).isEmpty();
            assertThat(page.hasNext()).isFalse();
        }
        assertThat(ids(alice(), TextQuery.of("lantern"))).as("without the filter").hasSize(5);
    }

    /** Look at the cursor scope: it must hold the filter, so a page of one filter never continues another. */
    @Test
    default void aFilteredSearchPagesOverEveryPassingHitOnceAndItsCursorsKeepTheFilter() {
        Conversation red = alice().conversations().create(NewConversation.untitled().withMetadata(Map.of("team", "red")));
        Conversation blue = alice().conversations().create(NewConversation.untitled().withMetadata(Map.of("team", "blue")));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            String text = "pebble " + "stone ".repeat(i % 3);
            expected.add(say(alice(), red.id(), text).id());
            say(alice(), blue.id(), text);
        }
        TextQuery query = TextQuery.of("pebble").inConversations(ConversationFilter.metadataEquals("team", "red"));
        List<String> seen = ids(alice(), query);
        assertThat(seen).as("pages of 7").hasSize(16).doesNotHaveDuplicates();
        assertThat(set(seen)).isEqualTo(expected);
        Page<SearchHit> first = alice().search().text(query, PageRequest.first(5));
        Page<SearchHit> second = alice().search().text(query, PageRequest.at(first.nextCursor(), 5));
        assertThat(second.items()).extracting(SearchHit::id).isEqualTo(seen.subList(5, 10));
        assertThat(alice().search().text(query, PageRequest.at(second.previousCursor(), 5)).items()).isEqualTo(first.items());
        expectInvalid("cursor", () -> alice().search().text(TextQuery.of("pebble"), PageRequest.at(first.nextCursor(), 5)));
        expectInvalid("cursor", () -> alice().search().text(TextQuery.of("pebble")
                .inConversations(ConversationFilter.metadataEquals("team", "blue")), PageRequest.at(first.nextCursor(), 5)));
    }

    /** Look at how each index splits CJK text (each character a word, V15) and how the query splits its words. */
    @Test
    default void japaneseChineseAndKoreanWordsAreFoundInsideLongerText() {
        String c = newConversation(alice()).id();
        Message japanese = say(alice(), c, "東京都に住んでいます");
        Message chinese = say(alice(), c, "我住在北京市朝阳区");
        Message korean = say(alice(), c, "저는 서울시에 살아요");
        assertThat(find("東京")).containsExactly(japanese.id());
        assertThat(find("住んで")).containsExactly(japanese.id());
        assertThat(find("北京")).containsExactly(chinese.id());
        assertThat(find("朝阳区")).containsExactly(chinese.id());
        assertThat(find("서울")).containsExactly(korean.id());
        assertThat(find("살아요")).containsExactly(korean.id());
        assertThat(set(find("住"))).containsExactlyInAnyOrder(japanese.id(), chinese.id());
        Conversation title = alice().conversations().create(NewConversation.titled("大阪旅行の計画"));
        MemoryFact fact = fact(alice(), "京都の大学で日本語を勉強した");
        Attachment file = readyFile(alice(), "seoul.txt", "서울특별시 지도");
        assertThat(find("旅行", SearchHit.Kind.CONVERSATION_TITLE)).containsExactly(title.id());
        assertThat(find("日本語", SearchHit.Kind.FACT)).containsExactly(fact.id());
        assertThat(find("특별", SearchHit.Kind.ATTACHMENT)).containsExactly(file.id());
    }

    /** A CJK query word is the phrase of its characters: look at how the backend renders a term of several tokens. */
    @Test
    default void aCjkQueryWordMatchesItsCharactersOnlyAdjacentAndInOrder() {
        String c = newConversation(alice()).id();
        Message tower = say(alice(), c, "東京タワーに行きました");
        Message kyoto = say(alice(), c, "京都の東にある寺");
        Message apart = say(alice(), c, "東の京");
        assertThat(find("東京")).as("東 and 京 are in all three, next to each other in one").containsExactly(tower.id());
        assertThat(find("京東")).isEmpty();
        assertThat(set(find("東 京"))).as("two words, anywhere").containsExactlyInAnyOrder(tower.id(), kyoto.id(), apart.id());
        assertThat(find("\"東京 タワー\"")).containsExactly(tower.id());
        assertThat(find("\"タワー 東京\"")).isEmpty();
        assertThat(find("東 -タワー")).hasSize(2).doesNotContain(tower.id());
        assertThat(set(find("タワー OR 寺"))).containsExactlyInAnyOrder(tower.id(), kyoto.id());
    }

    /** Look at the CJK split of the indexed text: Latin words beside CJK characters stay words, folded as ever. */
    @Test
    default void mixedCjkAndLatinTextIsFoundByEitherPart() {
        String c = newConversation(alice()).id();
        Message tower = say(alice(), c, "Tokyo東京Tower is 333 metres tall");
        Message phone = say(alice(), c, "新しいiPhone15を買いました、Café Tokyoで");
        assertThat(set(find("tokyo"))).containsExactlyInAnyOrder(tower.id(), phone.id());
        assertThat(find("東京")).containsExactly(tower.id());
        assertThat(find("tokyo東京tower")).as("across the change of script, adjacent").containsExactly(tower.id());
        assertThat(find("東京tokyo")).isEmpty();
        assertThat(find("iphone15")).containsExactly(phone.id());
        assertThat(find("iphone15を買")).containsExactly(phone.id());
        assertThat(find("cafe")).as("diacritics still folded").containsExactly(phone.id());
        assertThat(find("\"tokyo で\"")).containsExactly(phone.id());
    }

    /** Look at how the snippet is built from the split text and the marks dropped after. */
    @Test
    default void aCjkSnippetHighlightsTheCharactersFoundTogether() {
        String c = newConversation(alice()).id();
        say(alice(), c, "来週、東京都に住んでいる友達に会います");
        say(alice(), c, "저는 서울시에 살아요");
        SearchHit japanese = alice().search().text(TextQuery.of("東京"), PageRequest.first()).items().get(0);
        assertThat(japanese.snippet()).contains(SearchHit.HIGHLIGHT_START + "東京" + SearchHit.HIGHLIGHT_END + "都")
                .doesNotContain("\u001f");
        SearchHit korean = alice().search().text(TextQuery.of("서울"), PageRequest.first()).items().get(0);
        assertThat(korean.snippet()).contains(SearchHit.HIGHLIGHT_START + "서울" + SearchHit.HIGHLIGHT_END + "시에")
                .doesNotContain("\u001f");
    }

    /**
     * Look at how the backend indexes a long text of many distinct words (PostgreSQL: a tsvector holds
     * at most 1 MB): marking the file ready must not fail, and its first words are found.
     */
    @Test
    default void aLongExtractedTextOfManyDistinctWordsIsAcceptedAndItsStartFound() {
        StringBuilder text = new StringBuilder("opening paragraph");
        for (int i = 0; text.length() < 2_400_000; i++) {
            text.append(" w").append(Integer.toString(i, 36));
        }
        Attachment file = storedFile(alice(), "huge.txt");
        alice().attachments().markProcessing(file.id());
        Attachment ready = alice().attachments().markReady(file.id(), text.toString(), null);
        assertThat(ready.extractedText()).hasSize(text.length());
        assertThat(find("\"opening paragraph\"", SearchHit.Kind.ATTACHMENT)).containsExactly(file.id());
        assertThat(find("w1 w2 w3", SearchHit.Kind.ATTACHMENT)).containsExactly(file.id());
    }
}
