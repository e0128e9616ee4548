package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Conversation;
import dev.chatstore.NewConversation;
import dev.chatstore.PageRequest;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.PersonaUnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The persona cache: reads may come from memory, but this store's own writes are seen at once,
 * everywhere personas are read (get, list, the sidebar's display name, the status check of new
 * conversations), and callers cannot change what the cache holds.
 */
public interface PersonaCacheRules extends StoreFixture {

    /**
     * After an upsert, get and list show the new version at once, even when the old one was read (and cached) just
     * before: look at the cache invalidation in upsert.
     */
    @Test
    default void upsertIsVisibleToGetAndListAtOnce() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        assertThat(store().personas().get("tutor").orElseThrow().displayName()).as("first read").isEqualTo("Display tutor");
        assertThat(store().personas().list(null, null)).as("list read").hasSize(1);
        assertThat(store().personas().get("other")).as("a miss may be cached too").isEmpty();
        clock().advance(Duration.ofSeconds(1));
        store().personas().upsert(Samples.persona("tutor", "Renamed", PersonaStatus.ACTIVE));
        store().personas().upsert(PersonaSpec.of("other", "Other", "x"));
        assertThat(store().personas().get("tutor").orElseThrow().displayName()).as("get after the update").isEqualTo("Renamed");
        assertThat(store().personas().get("other")).as("get of a persona created after a cached miss").isPresent();
        assertThat(store().personas().list(null, null).stream().map(Persona::displayName).toList())
                .as("list after the updates").containsExactly("Other", "Renamed");
        assertThat(store().personas().list(PersonaStatus.ACTIVE, "tutoring").stream().map(Persona::displayName).toList())
                .as("a filtered list after the updates").containsExactly("Renamed");
    }

    /**
     * Status changes take effect at once for reads and for the status check of new conversations, both ways: look
     * at which cache the create path reads the status from, and whether setStatus invalidates it.
     */
    @Test
    default void statusChangesTakeEffectAtOnceForNewConversations() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        Conversation first = alice().conversations().create(NewConversation.withPersona("tutor"));
        assertThat(first.personaName()).as("active: allowed").isEqualTo("tutor");
        assertThat(store().personas().get("tutor").orElseThrow().status()).as("read while active").isEqualTo(PersonaStatus.ACTIVE);
        assertThat(store().personas().list(PersonaStatus.ACTIVE, null)).as("listed while active").hasSize(1);
        store().personas().setStatus("tutor", PersonaStatus.DISCONTINUED);
        assertThat(store().personas().get("tutor").orElseThrow().status()).as("get sees the new status")
                .isEqualTo(PersonaStatus.DISCONTINUED);
        assertThat(store().personas().list(PersonaStatus.ACTIVE, null)).as("no longer listed as active").isEmpty();
        assertThat(catchThrowable(() -> bob().conversations().create(NewConversation.withPersona("tutor"))))
                .as("discontinued at once").isInstanceOf(PersonaUnavailableException.class);
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        assertThat(bob().conversations().create(NewConversation.withPersona("tutor")).personaName())
                .as("re-activated by upsert at once").isEqualTo("tutor");
    }

    /**
     * The sidebar shows the persona's current display name at once after an update: look at where the sidebar gets
     * display names from.
     */
    @Test
    default void sidebarShowsTheCurrentDisplayNameAfterAnUpdate() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        alice().conversations().create(NewConversation.withPersona("tutor"));
        assertThat(alice().conversations().sidebar(PageRequest.first()).items().get(0).personaDisplayName())
                .as("the display name").isEqualTo("Display tutor");
        store().personas().upsert(Samples.persona("tutor", "Professor", PersonaStatus.ACTIVE));
        assertThat(alice().conversations().sidebar(PageRequest.first()).items().get(0).personaDisplayName())
                .as("the new display name at once").isEqualTo("Professor");
    }

    /**
     * A caller cannot change a cached persona through the lists it was given: look for mutable lists shared
     * between the cache and the returned records.
     */
    @Test
    default void callersCannotChangeTheCachedPersona() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        Persona read = store().personas().get("tutor").orElseThrow();
        List<Persona> listed = store().personas().list(null, null);
        catchThrowable(() -> read.personalityTraits().add("hacked"));
        catchThrowable(() -> read.suggestedOpeners().clear());
        catchThrowable(() -> listed.get(0).personalityTraits().clear());
        catchThrowable(() -> listed.clear());
        Persona again = store().personas().get("tutor").orElseThrow();
        assertThat(again.personalityTraits()).as("traits as stored")
                .containsExactlyElementsOf(Samples.persona("tutor", PersonaStatus.ACTIVE).personalityTraits());
        assertThat(again.suggestedOpeners()).as("openers as stored")
                .containsExactlyElementsOf(Samples.persona("tutor", PersonaStatus.ACTIVE).suggestedOpeners());
        assertThat(store().personas().list(null, null)).as("the list as stored").hasSize(1);
    }
}
