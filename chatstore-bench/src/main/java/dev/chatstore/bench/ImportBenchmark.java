package dev.chatstore.bench;

import dev.chatstore.Limits;
import dev.chatstore.Messages;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.sqlite.SqliteChatStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Importing {@value #TOTAL} messages into a fresh SQLite file: {@value #CONVERSATIONS}
 * conversations of one user, each filled by one batch of {@link Limits#BATCH_MAX} messages in one
 * transaction: chatstore's {@link Messages#appendAll} against one read of the conversation row,
 * one JDBC batch of inserts and one update of the row ({@link RawJdbcLog#appendBatch}). One operation is the whole import; the file is
 * checked to hold every message afterwards. The last chatstore import is kept as
 * {@value #EXPORT_SOURCE}, a user with a million messages for the export check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ImportBenchmark {
    static final String USER = "importer";
    static final int CONVERSATIONS = 100;
    static final int BATCH = Limits.BATCH_MAX;
    static final int TOTAL = CONVERSATIONS * BATCH;
    static final String EXPORT_SOURCE = "export-source.db";

    private Path file;
    private boolean chatstoreSide;
    private List<String> conversations;
    private SqliteChatStore store;
    private RawJdbcLog raw;

    @Setup(Level.Iteration)
    public void createFile(BenchmarkParams params) {
        chatstoreSide = params.getBenchmark().endsWith(".chatstore");
        file = Fixtures.dir().resolve(chatstoreSide ? "import-chatstore.db" : "import-raw.db");
        Sqlite.delete(file);
        store = Sqlite.openStore(file);
        conversations = new ArrayList<>();
        for (int i = 1; i <= CONVERSATIONS; i++) {
            conversations.add(store.forUser(USER).conversations().create(NewConversation.titled("Imported " + i)).id());
        }
        if (!chatstoreSide) {
            store.close();
            store = null;
            raw = new RawJdbcLog(file);
        }
    }

    @TearDown(Level.Iteration)
    public void checkAndDrop() throws IOException {
        if (chatstoreSide) {
            store.close();
        } else {
            raw.close();
        }
        long stored = countMessages(file);
        if (stored != TOTAL) {
            throw new IllegalStateException("The import stored " + stored + " messages, not " + TOTAL);
        }
        if (chatstoreSide) {
            Path kept = file.resolveSibling(EXPORT_SOURCE);
            Sqlite.delete(kept);
            Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
        }
        Sqlite.delete(file);
    }

    private static long countMessages(Path file) {
        try (Connection c = Sqlite.connect(file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM message")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the imported messages", e);
        }
    }

    @Benchmark
    public void chatstore() {
        Messages messages = store.forUser(USER).messages();
        for (String conversationId : conversations) {
            List<NewMessage> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(NewMessage.user(Texts.text(i)));
            }
            messages.appendAll(conversationId, batch);
        }
    }

    @Benchmark
    public void raw() {
        for (String conversationId : conversations) {
            List<String> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(Texts.text(i));
            }
            raw.appendBatch(USER, conversationId, batch);
        }
    }

    /** Where the last chatstore import is kept. */
    static Path exportSource() {
        return Fixtures.dir().resolve(EXPORT_SOURCE);
    }
}
