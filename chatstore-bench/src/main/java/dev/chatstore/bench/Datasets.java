package dev.chatstore.bench;

import dev.chatstore.Limits;
import dev.chatstore.Messages;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the benchmarks' histories through chatstore's own API (batch appends of up to
 * {@link Limits#BATCH_MAX} messages), so every column and invariant of whatever schema version
 * the store has (counters, sequence, branch tip, preview …) is exactly what chatstore keeps.
 * Odd sequence numbers are user messages with a {@code client_message_id}, even ones assistant
 * replies.
 */
final class Datasets {
    private Datasets() {
    }

    /** Creates a conversation of {@code user} holding {@code messages} messages; returns its id. */
    static String conversation(UserChats user, int messages) {
        String id = user.conversations().create(NewConversation.titled("Benchmark conversation")).id();
        fill(user.messages(), id, messages);
        return id;
    }

    /** Appends {@code count} messages to the conversation, continuing its sequence. */
    static void fill(Messages messages, String conversationId, int count) {
        List<NewMessage> batch = new ArrayList<>(Math.min(count, Limits.BATCH_MAX));
        for (int seq = 1; seq <= count; seq++) {
            batch.add(seq % 2 == 1
                    ? NewMessage.user(Texts.text(seq)).clientMessageId("p-" + seq)
                    : NewMessage.assistant(Texts.text(seq)));
            if (batch.size() == Limits.BATCH_MAX || seq == count) {
                messages.appendAll(conversationId, batch);
                batch.clear();
            }
        }
    }
}
