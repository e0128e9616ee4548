package dev.chatstore.sqlite.selftest;

import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import java.util.ArrayList;
import java.util.List;

/**
 * Broken on purpose: appendAll appends the messages one by one instead of in one transaction, and
 * checks no more of the batch first than its size. A batch that fails part-way leaves the messages
 * before the failure stored.
 */
final class NonAtomicBatchStore extends ForwardingChatStore {

    NonAtomicBatchStore(ChatStore delegate) {
        super(delegate);
    }

    @Override
    protected UserChats view(UserChats real) {
        return View.of(real).withMessages(new ForwardingMessages(real.messages()) {
            @Override
            public List<Appended> appendAll(String conversationId, List<NewMessage> messages) {
                if (messages != null && messages.size() > Limits.BATCH_MAX) {
                    throw new InvalidInputException("messages", messages.size() + " exceeds the maximum of " + Limits.BATCH_MAX);
                }
                List<Appended> appended = new ArrayList<>();
                for (NewMessage m : messages) {
                    appended.add(delegate.append(conversationId, m));
                }
                return appended;
            }
        });
    }
}
