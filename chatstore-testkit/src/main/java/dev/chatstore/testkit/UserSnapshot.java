package dev.chatstore.testkit;

import static java.util.Collections.unmodifiableMap;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.FactQuery;
import dev.chatstore.Limits;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.UserChats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one user can read, gathered through the public API: to check that a rejected or
 * foreign operation changed nothing, compare a snapshot taken before with one taken after.
 * Immutable.
 *
 * @param conversations     the conversation listing, in listing order
 * @param messages          each conversation's messages, oldest first
 * @param conversationLinks each conversation's attachment ids ({@code listForConversation})
 * @param messageLinks      each message's attachment ids ({@code listForMessage})
 * @param attachments       every attachment reachable through a conversation or as an orphan, by id
 * @param facts             every fact, in listing order
 */
public record UserSnapshot(
        String userId,
        List<Conversation> conversations,
        Map<String, List<Message>> messages,
        Map<String, List<String>> conversationLinks,
        Map<String, List<String>> messageLinks,
        Map<String, Attachment> attachments,
        List<MemoryFact> facts) {

    /** Reads everything of {@code user}. */
    public static UserSnapshot of(UserChats user) {
        List<Conversation> conversations = Pages.all(user.conversations()::list, Limits.CONVERSATIONS_PAGE_MAX);
        Map<String, List<Message>> messages = new TreeMap<>();
        Map<String, List<String>> conversationLinks = new TreeMap<>();
        Map<String, List<String>> messageLinks = new TreeMap<>();
        Map<String, Attachment> attachments = new TreeMap<>();
        for (Conversation c : conversations) {
            List<Message> ms = Pages.all(p -> user.messages().oldestFirst(c.id(), p), Limits.MESSAGES_PAGE_MAX);
            messages.put(c.id(), ms);
            for (Message m : ms) {
                messageLinks.put(m.id(), Samples.attachmentIds(user.attachments().listForMessage(m.id())));
            }
            List<Attachment> linked = user.attachments().listForConversation(c.id());
            conversationLinks.put(c.id(), Samples.attachmentIds(linked));
            linked.forEach(a -> attachments.put(a.id(), a));
        }
        user.attachments().orphans(100).forEach(a -> attachments.put(a.id(), a));
        List<MemoryFact> facts = Pages.all(p -> user.facts().list(FactQuery.all(), p), Limits.FACTS_PAGE_MAX);
        return new UserSnapshot(user.userId(), List.copyOf(conversations), unmodifiableMap(messages),
                unmodifiableMap(conversationLinks), unmodifiableMap(messageLinks), unmodifiableMap(attachments),
                List.copyOf(facts));
    }
}
