package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.ChatStoreException;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.StorageFullException;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite faults: a full database and a read-only file. Each must surface as a typed exception
 * with the SQLException as its cause, leave the file intact (integrity_check ok, every
 * acknowledged message there, counters exact), and the store must work again once the cause is gone.
 * When one fails, look at {@code SqliteDialect.classify} and at what the writer connection is left
 * with after a failed transaction (SQLite may roll a transaction back by itself on SQLITE_FULL).
 */
class SqliteFaultTest {
    private static final String PAYLOAD = "x".repeat(3000);

    @TempDir
    Path dir;

    /**
     * The file name carries {@code ?max_page_count=200}, which sqlite-jdbc applies as a pragma on
     * every connection of the store: the database cannot grow beyond 200 pages (800 KiB), exactly
     * as if the disk were full. Appends fail with {@link StorageFullException} (also inside a batch,
     * which stores nothing), reads go on, and once a conversation is deleted the freed pages take
     * new appends without reopening the store.
     */
    @Test
    void aFullDatabaseFailsTypedStaysIntactAndWorksAgainOnceSpaceIsFreed() throws SQLException {
        Path file = dir.resolve("full.db");
        try (SqliteChatStore store = SqliteChatStore.open(dir.resolve("full.db?max_page_count=200"))) {
            UserChats chats = store.forUser("alice");
            Conversation ballast = chats.conversations().create(NewConversation.titled("ballast"));
            for (int i = 0; i < 40; i++) {
                chats.messages().append(ballast.id(), NewMessage.user(i + PAYLOAD));
            }
            Conversation kept = chats.conversations().create(NewConversation.titled("kept"));
            List<String> acknowledged = new ArrayList<>();
            StorageFullException full = null;
            for (int i = 0; i < 10_000 && full == null; i++) {
                try {
                    acknowledged.add(chats.messages().append(kept.id(), NewMessage.user(i + PAYLOAD)).message().id());
                } catch (StorageFullException e) {
                    full = e;
                }
            }
            assertThat(full).as("appending ~3 KB messages to a 200-page database fills it").isNotNull();
            assertThat(full).as("the SQLException is the cause").hasCauseInstanceOf(SQLException.class);
            assertThat(((SQLException) full.getCause()).getErrorCode() & 0xFF).isEqualTo(SQLiteErrorCode.SQLITE_FULL.code);
            assertThat(acknowledged).as("some appends succeeded before the database was full").isNotEmpty();
            int faults = 1;

            // Still full: every further write fails the same way, and a failed batch stores none of its messages.
            assertThatThrownBy(() -> chats.messages().append(kept.id(), NewMessage.user("one more " + PAYLOAD)))
                    .isInstanceOf(StorageFullException.class);
            assertThatThrownBy(() -> chats.messages().appendAll(kept.id(), List.of(
                    NewMessage.user("small").clientMessageId("batch-1"), NewMessage.user(PAYLOAD + PAYLOAD + PAYLOAD))))
                    .isInstanceOf(StorageFullException.class);
            faults += 2;
            assertThat(chats.messages().byClientMessageId(kept.id(), "batch-1")).as("a failed batch stores nothing").isEmpty();

            // Reads go on, and nothing acknowledged is lost.
            assertIntact(file, chats, kept.id(), acknowledged);
            assertThat(chats.conversations().get(ballast.id()).orElseThrow().messageCount()).isEqualTo(40);

            // Free space inside the limit: deleting the ballast releases its pages to the free list.
            assertThat(chats.conversations().delete(ballast.id())).isTrue();
            for (int i = 0; i < 20; i++) {
                acknowledged.add(chats.messages().append(kept.id(), NewMessage.user("after " + i + PAYLOAD)).message().id());
            }
            assertIntact(file, chats, kept.id(), acknowledged);

            // Full again, now with two-message batches: the one that does not fit stores neither message,
            // so the writer connection still runs real transactions after the earlier faults.
            StorageFullException again = null;
            String lastKey = null;
            for (int i = 0; i < 10_000 && again == null; i++) {
                lastKey = "pair-" + i;
                try {
                    chats.messages().appendAll(kept.id(), List.of(NewMessage.user("small").clientMessageId(lastKey),
                            NewMessage.assistant(i + PAYLOAD))).forEach(a -> acknowledged.add(a.message().id()));
                } catch (StorageFullException e) {
                    again = e;
                }
            }
            assertThat(again).as("the database fills up again").isNotNull();
            faults++;
            assertThat(chats.messages().byClientMessageId(kept.id(), lastKey)).as("the failed batch stored nothing").isEmpty();
            assertIntact(file, chats, kept.id(), acknowledged);
            System.out.println("[reliability] SqliteFaultTest.full: " + faults + " SQLITE_FULL faults; "
                    + acknowledged.size() + " acknowledged appends all intact");
        }
        // The disk grows: the same file opened without the limit takes more.
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            UserChats chats = store.forUser("alice");
            String kept = chats.conversations().list(PageRequest.first()).items().get(0).id();
            for (int i = 0; i < 100; i++) {
                chats.messages().append(kept, NewMessage.assistant("unlimited " + i + PAYLOAD));
            }
            assertThat(integrityCheck(file)).containsExactly("ok");
        }
    }

    /**
     * A database file the process may not write: opening it, or writing to it, fails with
     * {@link StoreUnavailableException} (never an untyped error), the file is unchanged, and once
     * it is writable again the store opens and writes as before.
     */
    @Test
    void aReadOnlyFileFailsTypedAndWorksOnceWritableAgain() throws Exception {
        Path file = dir.resolve("readonly.db");
        List<String> acknowledged = new ArrayList<>();
        String conversation;
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            UserChats chats = store.forUser("alice");
            conversation = chats.conversations().create(NewConversation.titled("ro")).id();
            for (int i = 0; i < 10; i++) {
                acknowledged.add(chats.messages().append(conversation, NewMessage.user("m" + i)).message().id());
            }
        }
        ReadOnly readOnly = ReadOnly.make(file);
        String refused = null;
        try {
            SqliteChatStore store;
            try {
                store = SqliteChatStore.open(file);
            } catch (ChatStoreException e) {
                store = null;
                assertThat(e).as("opening a read-only file fails as unavailable").isInstanceOf(StoreUnavailableException.class);
                refused = "open refused: " + e.getMessage();
            }
            if (store != null) {
                try (SqliteChatStore opened = store) {
                    UserChats chats = opened.forUser("alice");
                    StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                            () -> chats.messages().append(conversation, NewMessage.user("refused")));
                    assertThat(e).as("a write to a read-only file fails as unavailable").isNotNull()
                            .hasCauseInstanceOf(SQLException.class);
                    assertThat(e.getMessage()).containsIgnoringCase("readonly");
                    refused = "write refused: " + e.getMessage();
                    assertThat(everything(chats, conversation)).as("reads still work").hasSize(10);
                }
            }
        } finally {
            readOnly.undo();
        }
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            UserChats chats = store.forUser("alice");
            assertIntact(file, chats, conversation, acknowledged);
            acknowledged.add(chats.messages().append(conversation, NewMessage.user("writable again")).message().id());
            assertIntact(file, chats, conversation, acknowledged);
        }
        System.out.println("[reliability] SqliteFaultTest.readOnly (" + readOnly.how + "): " + refused);
    }

    /** Makes a file read-only for this process: by permissions, or (when running as root) with {@code chattr +i}. */
    private record ReadOnly(Path file, String how) {
        static ReadOnly make(Path file) throws IOException, InterruptedException {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            if (!Files.isWritable(file)) {
                return new ReadOnly(file, "permissions");
            }
            // Permissions do not bind root: make the file immutable instead, where the file system allows it.
            Process chattr = new ProcessBuilder("chattr", "+i", file.toString()).redirectErrorStream(true).start();
            String output = new String(chattr.getInputStream().readAllBytes());
            Assumptions.assumeTrue(chattr.waitFor() == 0,
                    "running as root and chattr +i is not available, so no file can be made read-only: " + output);
            return new ReadOnly(file, "chattr +i");
        }

        void undo() throws IOException, InterruptedException {
            if (how.equals("chattr +i")) {
                assertThat(new ProcessBuilder("chattr", "-i", file.toString()).start().waitFor()).isZero();
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void assertIntact(Path file, UserChats chats, String conversation, List<String> acknowledged)
            throws SQLException {
        assertThat(integrityCheck(file)).as("integrity_check").containsExactly("ok");
        List<Message> stored = everything(chats, conversation);
        assertThat(stored).as("exactly the acknowledged messages").extracting(Message::id)
                .containsExactlyElementsOf(acknowledged);
        assertThat(stored).as("seqs 1..n").extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
        assertThat(chats.conversations().get(conversation).orElseThrow().messageCount()).as("message count")
                .isEqualTo(stored.size());
    }

    private static List<Message> everything(UserChats chats, String conversation) {
        return ConcurrencyTest.everything(chats, conversation);
    }

    static List<String> integrityCheck(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> result = new ArrayList<>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        }
    }
}
