package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint policy: {@link Checkpoints#AUTOMATIC} keeps the log bounded, {@link Checkpoints#EXTERNAL}
 * leaves every checkpoint to another tool (Litestream). When one fails, look at where
 * SqliteChatStore.Builder sets {@code wal_autocheckpoint} and whether it hands SqliteDatabase a WalLimiter.
 */
class SqliteCheckpointsTest {
    private static final long LIMIT = 128 * 1024;
    private static final int APPENDS = 150;

    @TempDir
    Path dir;

    @Test
    void automaticKeepsSqlitesAutocheckpointAndExternalTurnsItOffOnTheWriter() {
        try (SqliteChatStore store = SqliteChatStore.open(dir.resolve("default.db"))) {
            assertThat(autocheckpoint(store.writerJdbiForTests())).as("AUTOMATIC by default: SQLite's 1000 pages")
                    .isEqualTo(1000);
        }
        try (SqliteChatStore store = SqliteChatStore.builder(dir.resolve("automatic.db"))
                .checkpoints(Checkpoints.AUTOMATIC).build()) {
            assertThat(autocheckpoint(store.writerJdbiForTests())).isEqualTo(1000);
        }
        try (SqliteChatStore store = SqliteChatStore.builder(dir.resolve("external.db"))
                .checkpoints(Checkpoints.EXTERNAL).build()) {
            assertThat(autocheckpoint(store.writerJdbiForTests())).as("EXTERNAL: the writer never checkpoints")
                    .isZero();
        }
    }

    @Test
    void externalCheckpointsAreRefusedForAnInMemoryStoreAndNullIsRefusedAtOnce() {
        assertThatThrownBy(() -> SqliteChatStore.inMemoryBuilder().checkpoints(Checkpoints.EXTERNAL).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checkpoints").hasMessageContaining("in-memory").hasMessageContaining("EXTERNAL");
        assertThatThrownBy(() -> SqliteChatStore.builder(dir.resolve("x.db")).checkpoints(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("checkpoints");
        try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder().checkpoints(Checkpoints.AUTOMATIC).build()) {
            assertThat(store.forUser("u").conversations().create(NewConversation.titled("t"))).isNotNull();
        }
    }

    /** The same commits, the same walSizeLimit: bounded under AUTOMATIC, every commit still in the log under EXTERNAL. */
    @Test
    void underExternalCheckpointsTheLogKeepsEveryCommitAndUnderAutomaticItStaysBounded() throws Exception {
        long automatic = largestWal(Checkpoints.AUTOMATIC, dir.resolve("automatic.db"));
        long external = largestWal(Checkpoints.EXTERNAL, dir.resolve("external.db"));
        System.out.printf("[sqlite] %d appends, walSizeLimit %d KiB: largest WAL %d KiB under AUTOMATIC, %d KiB under EXTERNAL%n",
                APPENDS, LIMIT >> 10, automatic >> 10, external >> 10);
        assertThat(automatic).as("AUTOMATIC: the log is cut back past walSizeLimit").isLessThan(LIMIT + 64 * 1024);
        assertThat(external).as("EXTERNAL: nothing cut the log back, it holds at least a page per commit")
                .isGreaterThan(APPENDS * 4096L).isGreaterThan(8 * LIMIT);
    }

    /** Appends from one writer and returns the largest WAL seen after a commit; checks the log only grows under EXTERNAL. */
    private static long largestWal(Checkpoints checkpoints, Path file) throws Exception {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        long largest = 0;
        try (SqliteChatStore store = SqliteChatStore.builder(file).walSizeLimit(LIMIT).checkpoints(checkpoints).build()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            String text = "x".repeat(1000);
            long previous = Files.size(wal);
            for (int i = 0; i < APPENDS; i++) {
                alice.messages().append(c.id(), NewMessage.user(text + i));
                long size = Files.size(wal);
                if (checkpoints == Checkpoints.EXTERNAL) {
                    assertThat(size).as("EXTERNAL: commit %d grew the log", i).isGreaterThan(previous);
                }
                previous = size;
                largest = Math.max(largest, size);
            }
            assertThat(alice.conversations().get(c.id()).orElseThrow().messageCount()).isEqualTo(APPENDS);
        }
        return largest;
    }

    private static int autocheckpoint(Jdbi writer) {
        return writer.withHandle(h -> h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one());
    }
}
