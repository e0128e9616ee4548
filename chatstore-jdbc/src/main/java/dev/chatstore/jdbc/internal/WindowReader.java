package dev.chatstore.jdbc.internal;

import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PromptWindow;
import dev.chatstore.Role;
import dev.chatstore.WindowLimit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Reads a prompt window: walks the chosen branch from its tip towards the root a page at a time and
 * stops as soon as the limit is reached, so its cost follows the window, not the conversation. Then
 * drops tool results whose call is not in the window. Thread-safe (stateless).
 */
final class WindowReader {
    private final BranchReader branches;

    WindowReader(BranchReader branches) {
        this.branches = branches;
    }

    PromptWindow read(Handle h, Conversation c, WindowLimit limit) {
        List<Message> newestFirst = new ArrayList<>();
        List<Long> costs = new ArrayList<>();
        long tokens = 0;
        boolean full = false;
        String cursor = null;
        String start = c.activeTipId();
        while (!full && start != null) {
            int wanted = Math.min(Limits.MESSAGES_PAGE_MAX, limit.maxMessages() - newestFirst.size());
            Page<Message> page = branches.ancestorsPage(h, c.userId(), c.id(), "window", c.id(), start, cursor, wanted);
            for (Message m : page.items()) {
                long cost = limit.tokensOf(m);
                if (newestFirst.size() == limit.maxMessages() || tokens + cost > limit.maxTokens()) {
                    full = true;
                    break;
                }
                newestFirst.add(m);
                costs.add(cost);
                tokens += cost;
            }
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
            full = full || newestFirst.size() == limit.maxMessages();
        }
        boolean wholeBranch = !full && cursor == null;
        Collections.reverse(newestFirst);
        Collections.reverse(costs);
        List<Message> window = withoutOrphanedToolResults(newestFirst);
        int dropped = newestFirst.size() - window.size();
        // Each message was counted once, on the walk: the dropped ones' counts are subtracted, not recounted.
        long kept = tokens - costs.subList(0, dropped).stream().mapToLong(Long::longValue).sum();
        return new PromptWindow(c.systemPrompt(), window, kept, wholeBranch && dropped == 0);
    }

    /**
     * Tool results at the start of the window answer a call older than the window: they go with it,
     * as LangChain4j's windows evict such orphans.
     */
    private static List<Message> withoutOrphanedToolResults(List<Message> oldestFirst) {
        int first = 0;
        while (first < oldestFirst.size() && oldestFirst.get(first).role() == Role.TOOL) {
            first++;
        }
        return oldestFirst.subList(first, oldestFirst.size());
    }
}
