package dev.chatstore.testkit;

import static java.util.Collections.unmodifiableMap;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.FactQuery;
import dev.chatstore.Limits;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.ProviderConfig;
import dev.chatstore.UserChats;
import dev.chatstore.UserProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one user can read, gathered through the public API: to check that a rejected or
 * foreign operation changed nothing, compare a snapshot taken before with one taken after.
 * Immutable.
 *
 * @param conversations     the conversation listing, in listing order
 * @param archived          the archived conversation listing, in listing order
 * @param messages          each conversation's messages (archived ones' too), oldest first
 * @param branches          each conversation's chosen branch, tip first
 * @param conversationLinks each conversation's attachment ids ({@code listForConversation})
 * @param messageLinks      each message's attachment ids ({@code listForMessage})
 * @param attachments       every attachment reachable through a conversation or as an orphan, by id
 * @param facts             every fact, in listing order
 * @param profile           the profile, if the user has one
 * @param settings          the user's settings
 * @param providers         the user's provider configurations
 */
public record UserSnapshot(
        String userId,
        List<Conversation> conversations,
        List<Conversation> archived,
        Map<String, List<Message>> messages,
        Map<String, List<String>> branches,
        Map<String, List<String>> conversationLinks,
        Map<String, List<String>> messageLinks,
        Map<String, Attachment> attachments,
        List<MemoryFact> facts,
        Optional<UserProfile> profile,
        Map<String, Object> settings,
        List<ProviderConfig> providers) {

    /** Reads everything of {@code user}. */
    public static UserSnapshot of(UserChats user) {
        List<Conversation> conversations = Pages.all(user.conversations()::list, Limits.CONVERSATIONS_PAGE_MAX);
        List<Conversation> archived = Pages.all(user.conversations()::listArchived, Limits.CONVERSATIONS_PAGE_MAX);
        List<Conversation> every = new ArrayList<>(conversations);
        every.addAll(archived);
        Map<String, List<Message>> messages = new TreeMap<>();
        Map<String, List<String>> branches = new TreeMap<>();
        Map<String, List<String>> conversationLinks = new TreeMap<>();
        Map<String, List<String>> messageLinks = new TreeMap<>();
        Map<String, Attachment> attachments = new TreeMap<>();
        for (Conversation c : every) {
            List<Message> ms = Pages.all(p -> user.messages().oldestFirst(c.id(), p), Limits.MESSAGES_PAGE_MAX);
            messages.put(c.id(), ms);
            branches.put(c.id(), Samples.messageIds(Pages.all(p -> user.messages().branch(c.id(), p),
                    Limits.MESSAGES_PAGE_MAX)));
            for (Message m : ms) {
                messageLinks.put(m.id(), Samples.attachmentIds(user.attachments().listForMessage(m.id())));
            }
            List<Attachment> linked = user.attachments().listForConversation(c.id());
            conversationLinks.put(c.id(), Samples.attachmentIds(linked));
            linked.forEach(a -> attachments.put(a.id(), a));
        }
        user.attachments().orphans(100).forEach(a -> attachments.put(a.id(), a));
        List<MemoryFact> facts = Pages.all(p -> user.facts().list(FactQuery.all(), p), Limits.FACTS_PAGE_MAX);
        return new UserSnapshot(user.userId(), List.copyOf(conversations), List.copyOf(archived),
                unmodifiableMap(messages), unmodifiableMap(branches), unmodifiableMap(conversationLinks),
                unmodifiableMap(messageLinks), unmodifiableMap(attachments), List.copyOf(facts), user.profile().get(),
                Map.copyOf(user.settings().all()), List.copyOf(user.providers().list()));
    }
}
