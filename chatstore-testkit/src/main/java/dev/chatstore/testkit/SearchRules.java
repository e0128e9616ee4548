package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Full-text search: one syntax with the same results on every backend, case- and
 * diacritics-insensitive, literal characters never patterns, ranked and keyset-paged, scoped to the
 * user and the query's filters, and exact in the same transaction as every write.
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
}
