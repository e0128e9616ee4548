package dev.chatstore.bench;

import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.PromptWindow;
import dev.chatstore.WindowLimit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one page at the newest and at the oldest end of a long listing through chatstore's
 * keyset cursors: {@value ReadFixture#MESSAGE_PAGE} messages of a {@value ReadFixture#MESSAGES}-message
 * conversation, and {@value ReadFixture#CONVERSATION_PAGE} conversations of a user with
 * {@value ReadFixture#CONVERSATIONS}. Deep pages should cost what shallow pages cost. And the prompt
 * window of the last {@value ReadFixture#WINDOW} messages of that conversation and of one of
 * {@value ReadFixture#SHORT_MESSAGES}: its cost should follow the window, not the conversation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ReadBenchmark {
    private ReadFixture fixture;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.reads();
    }

    @Benchmark
    public Page<Message> newestMessages() {
        return fixture.reader.messages().newestFirst(fixture.conversationId, PageRequest.first(ReadFixture.MESSAGE_PAGE));
    }

    @Benchmark
    public Page<Message> oldestMessages() {
        return fixture.reader.messages().newestFirst(fixture.conversationId,
                PageRequest.at(fixture.oldestMessagesCursor, ReadFixture.MESSAGE_PAGE));
    }

    @Benchmark
    public PromptWindow windowOfLongConversation() {
        return fixture.reader.messages().promptWindow(fixture.conversationId, WindowLimit.lastMessages(ReadFixture.WINDOW));
    }

    @Benchmark
    public PromptWindow windowOfShortConversation() {
        return fixture.reader.messages().promptWindow(fixture.shortConversationId,
                WindowLimit.lastMessages(ReadFixture.WINDOW));
    }

    @Benchmark
    public Page<Conversation> newestConversations() {
        return fixture.lister.conversations().list(PageRequest.first(ReadFixture.CONVERSATION_PAGE));
    }

    @Benchmark
    public Page<Conversation> oldestConversations() {
        return fixture.lister.conversations().list(
                PageRequest.at(fixture.oldestConversationsCursor, ReadFixture.CONVERSATION_PAGE));
    }
}
