package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.NewConversation;
import dev.chatstore.ProfileSpec;
import dev.chatstore.UserProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user's profile: upsert of email, display name and active flag (email unique across users),
 * JSON preferences with an atomic merge patch and a replace, the last-active touch, and the user's
 * active conversation.
 */
public interface ProfileRules extends StoreFixture {

    /** A user without a profile reads empty: look at get's query (no row must be made up). */
    @Test
    default void aUserWithoutAProfileReadsEmpty() {
        assertThat(alice().profile().get()).as("no profile yet").isEmpty();
        assertThat(alice().profile().activeConversation()).as("no active conversation yet").isEmpty();
    }

    /** Look at how upsert fills a new profile: the given fields, empty preferences, times from the clock. */
    @Test
    default void upsertCreatesTheProfileWithClockTimes() {
        UserProfile created = alice().profile().upsert(new ProfileSpec("alice@example.com", "Alice " + Samples.UNICODE, true));
        assertThat(created).extracting(UserProfile::userId, UserProfile::email, UserProfile::displayName, UserProfile::active,
                        UserProfile::activeConversationId, UserProfile::lastActiveAt)
                .as("the given fields, no active conversation, never active yet")
                .containsExactly(ALICE, "alice@example.com", "Alice " + Samples.UNICODE, true, null, null);
        assertThat(created.preferences()).as("preferences are empty, not null").isNotNull().isEmpty();
        assertThat(created.createdAt()).as("createdAt from the clock").isEqualTo(clock().now());
        assertThat(created.updatedAt()).as("updatedAt from the clock").isEqualTo(clock().now());
        assertThat(alice().profile().get()).as("get returns what upsert returned").contains(created);
    }

    /**
     * A second upsert changes email, display name and active flag and keeps preferences and createdAt: look at the
     * upsert's UPDATE column list.
     */
    @Test
    default void upsertUpdatesTheFieldsAndKeepsPreferences() {
        UserProfile first = alice().profile().upsert(new ProfileSpec("alice@example.com", "Alice", true));
        alice().profile().mergePreferences(Map.of("theme", "dark"));
        Instant later = clock().advance(Duration.ofMinutes(1));
        UserProfile second = alice().profile().upsert(new ProfileSpec(null, "Alice B.", false));
        assertThat(second).extracting(UserProfile::email, UserProfile::displayName, UserProfile::active)
                .as("email cleared, new name, inactive").containsExactly(null, "Alice B.", false);
        assertThat(second.preferences()).as("preferences kept").isEqualTo(Map.of("theme", "dark"));
        assertThat(second.createdAt()).as("createdAt kept").isEqualTo(first.createdAt());
        assertThat(second.updatedAt()).as("updatedAt from the clock").isEqualTo(later);
        assertThat(alice().profile().get()).as("get returns the update").contains(second);
    }

    /**
     * An email is unique across users, compared exactly as given; a refused upsert changes nothing and frees
     * nothing: look at how emails are claimed (chatstore's engine: the email_claim table, one row per email, written in
     * the profile's transaction) and how another user's claim is refused.
     */
    @Test
    default void emailIsUniqueAcrossUsers() {
        alice().profile().upsert(ProfileSpec.named("Alice").withEmail("alice@example.com"));
        UserProfile bobs = bob().profile().upsert(ProfileSpec.named("Bob").withEmail("bob@example.com"));
        assertThat(catchThrowable(() -> bob().profile().upsert(ProfileSpec.named("Bob").withEmail("alice@example.com"))))
                .as("bob takes alice's email").isInstanceOf(AlreadyExistsException.class);
        assertThat(bob().profile().get()).as("bob's profile is unchanged").contains(bobs);
        assertThat(catchThrowable(() -> store().forUser("carol").profile().upsert(ProfileSpec.named("C").withEmail("alice@example.com"))))
                .as("a new user with a taken email").isInstanceOf(AlreadyExistsException.class);
        assertThat(store().forUser("carol").profile().get()).as("no profile was created for carol").isEmpty();
        assertThat(bob().profile().upsert(ProfileSpec.named("Bob").withEmail("Alice@example.com")).email())
                .as("an email differing in case is another email").isEqualTo("Alice@example.com");
        assertThat(alice().profile().upsert(ProfileSpec.named("Alice again").withEmail("alice@example.com")).email())
                .as("a user may upsert her own email again").isEqualTo("alice@example.com");
        alice().profile().upsert(ProfileSpec.named("Alice").withEmail("alice@new.example.com"));
        assertThat(store().forUser("carol").profile().upsert(ProfileSpec.named("C").withEmail("alice@example.com")).email())
                .as("a released email can be taken").isEqualTo("alice@example.com");
    }

    /**
     * mergePreferences is a JSON merge patch (RFC 7386): nested maps merge, null removes, lists and scalars are
     * replaced; and it creates the profile when there is none. Look at the merge (a shallow putAll is not enough).
     */
    @Test
    default void mergePreferencesIsAJsonMergePatch() {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("theme", "dark");
        start.put("tags", List.of("a", "b"));
        start.put("notifications", Map.of("email", true, "push", false, "digest", Map.of("day", "mon", "hour", 9)));
        start.put("drop", 1);
        UserProfile created = alice().profile().mergePreferences(start);
        assertThat(created.preferences()).as("a merge into nothing creates the profile with the patch").isEqualTo(start);
        assertThat(alice().profile().get()).as("the profile exists now").isPresent();

        Map<String, Object> digest = new HashMap<>();
        digest.put("hour", 18);
        digest.put("day", null);
        Map<String, Object> notifications = new HashMap<>();
        notifications.put("push", true);
        notifications.put("digest", digest);
        Map<String, Object> patch = new HashMap<>();
        patch.put("notifications", notifications);
        patch.put("tags", List.of("c"));
        patch.put("drop", null);
        patch.put("added", Map.of("x", 1));
        UserProfile merged = alice().profile().mergePreferences(patch);

        Map<String, Object> expected = Map.of(
                "theme", "dark",
                "tags", List.of("c"),
                "notifications", Map.of("email", true, "push", true, "digest", Map.of("hour", 18)),
                "added", Map.of("x", 1));
        assertThat(merged.preferences()).as("the merged preferences").isEqualTo(expected);
        assertThat(alice().profile().get().orElseThrow().preferences()).as("stored as merged").isEqualTo(expected);
    }

    /**
     * replacePreferences replaces the whole map and round-trips every JSON value kind exactly: look at the UPDATE
     * (no merge) and the JSON (de)serialization.
     */
    @Test
    default void replacePreferencesReplacesTheWholeMapExactly() {
        alice().profile().mergePreferences(Map.of("old", 1, "nested", Map.of("a", 1)));
        UserProfile replaced = alice().profile().replacePreferences(Samples.richMetadata());
        assertThat(replaced.preferences()).as("returned preferences").isEqualTo(Samples.richMetadata());
        assertThat(alice().profile().get().orElseThrow().preferences()).as("stored preferences")
                .isEqualTo(Samples.richMetadata());
        alice().profile().replacePreferences(Map.of());
        assertThat(alice().profile().get().orElseThrow().preferences()).as("an empty map empties them").isEmpty();
    }

    /**
     * touch records the clock as lastActiveAt (creating the profile if needed) and changes nothing else: look at the
     * touch UPDATE.
     */
    @Test
    default void touchRecordsLastActiveFromTheClock() {
        UserProfile first = alice().profile().touch();
        assertThat(first.lastActiveAt()).as("touch creates the profile and records the time").isEqualTo(clock().now());
        UserProfile named = alice().profile().upsert(new ProfileSpec("alice@example.com", "Alice", true));
        Instant later = clock().advance(Duration.ofHours(2));
        UserProfile touched = alice().profile().touch();
        assertThat(touched.lastActiveAt()).as("a later touch").isEqualTo(later);
        assertThat(touched).as("nothing else but the activity time changes")
                .usingRecursiveComparison().ignoringFields("lastActiveAt", "updatedAt").isEqualTo(named);
        assertThat(alice().profile().get().orElseThrow().lastActiveAt()).as("stored").isEqualTo(later);
    }

    /**
     * The active conversation is set, read (as the conversation now is), cleared with null, and forgotten when the
     * conversation is deleted: look at the column and its ON DELETE.
     */
    @Test
    default void activeConversationIsSetReadClearedAndForgottenOnDelete() {
        Conversation c = alice().conversations().create(NewConversation.titled("Current"));
        UserProfile set = alice().profile().setActiveConversation(c.id());
        assertThat(set.activeConversationId()).as("returned profile names it").isEqualTo(c.id());
        say(alice(), c.id(), "news");
        assertThat(alice().profile().activeConversation()).as("the conversation as it is now").contains(reload(alice(), c.id()));
        assertThat(alice().profile().setActiveConversation(null).activeConversationId()).as("null clears it").isNull();
        assertThat(alice().profile().activeConversation()).as("no active conversation").isEmpty();
        alice().profile().setActiveConversation(c.id());
        alice().conversations().delete(c.id());
        assertThat(alice().profile().activeConversation()).as("a deleted conversation is not active").isEmpty();
        assertThat(alice().profile().get().orElseThrow().activeConversationId()).as("nor named by the profile").isNull();
    }

    /**
     * Only the user's own conversation can be the active one: another user's or an unknown one is NotFoundException
     * and changes nothing. Look at the ownership check of setActiveConversation.
     */
    @Test
    default void activeConversationMustBeTheUsersOwn() {
        Conversation mine = newConversation(alice());
        Conversation bobs = newConversation(bob());
        UserProfile before = alice().profile().setActiveConversation(mine.id());
        expectNotFound("bob's conversation", () -> alice().profile().setActiveConversation(bobs.id()));
        expectNotFound("an unknown conversation", () -> alice().profile().setActiveConversation(unknownId()));
        assertThat(alice().profile().get()).as("alice's profile is unchanged").contains(before);
        assertThat(alice().profile().activeConversation().map(Conversation::id)).as("still her own").contains(mine.id());
    }

    /** Email and display name at their maximum lengths round-trip: look at the profile columns' sizes. */
    @Test
    default void profileTextAtItsMaximumLengthsRoundTrips() {
        String email = "中".repeat(Limits.EMAIL_MAX - 12) + "@example.com";
        UserProfile profile = alice().profile().upsert(new ProfileSpec(email, Samples.wide(Limits.DISPLAY_NAME_MAX), true));
        assertThat(alice().profile().get()).as("email and display name at their maximums").contains(profile);
        assertThat(profile).extracting(UserProfile::email, UserProfile::displayName).as("as given")
                .containsExactly(email, Samples.wide(Limits.DISPLAY_NAME_MAX));
    }

    /**
     * An unknown conversation cannot become the active one, and the refused write creates no profile for a user who
     * had none: look at setActiveConversation's lookup, which must come before the profile's upsert.
     */
    @Test
    default void anUnknownActiveConversationIsNotFoundAndCreatesNoProfile() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        expectNotFound("setActiveConversation", () -> alice().profile().setActiveConversation(id));
        assertThat(a.snapshot()).as("nothing of alice's changed").isEqualTo(before);
        expectNotFound("setActiveConversation without a profile", () -> bob().profile().setActiveConversation(id));
        assertThat(bob().profile().get()).as("a refused write creates no profile").isEmpty();
    }
}
