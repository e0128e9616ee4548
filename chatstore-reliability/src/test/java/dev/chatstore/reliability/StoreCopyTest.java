package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.ChatStore;
import dev.chatstore.CopyReport;
import dev.chatstore.ImportException;
import dev.chatstore.NewMessage;
import dev.chatstore.StoreCopy;
import dev.chatstore.StoreExportOptions;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.VerificationException;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.testkit.RichStore;
import dev.chatstore.testkit.SeededUser;
import dev.chatstore.testkit.StoreSettings;
import dev.chatstore.testkit.TestClock;
import dev.chatstore.testkit.UserSnapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreCopy} between the two backends: a SQLite file copied into PostgreSQL and back gives every user's export
 * byte for byte, an interrupted copy resumes, a copy that differs from its source is caught, and a live source is
 * copied as of the moment its export began while writers go on.
 */
class StoreCopyTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(TestClock.START);

    @Test
    void aStoreCopiedIntoPostgresqlAndBackExportsTheSameBytesForEveryUser() {
        try (ChatStore source = sqlite("source.db");
             ChatStore postgres = Backend.POSTGRES.open(clock);
             ChatStore back = sqlite("back.db")) {
            RichStore.fill(source, clock);
            Map<String, UserSnapshot> before = snapshots(source);

            CopyReport there = StoreCopy.copy(source, postgres, StoreImportOptions.defaults());
            CopyReport home = StoreCopy.copy(postgres, back, StoreImportOptions.defaults());

            assertThat(there.imported().users()).isEqualTo(RichStore.USERS.size());
            assertThat(there.exported().rows()).as("rows per table, both ways").isEqualTo(home.exported().rows());
            assertThat(there.exported().rows().get("message")).isPositive();
            for (String userId : RichStore.USERS) {
                String original = userExport(source, userId);
                assertThat(userExport(postgres, userId)).as("%s in PostgreSQL", userId).isEqualTo(original);
                assertThat(userExport(back, userId)).as("%s back in SQLite", userId).isEqualTo(original);
            }
            assertThat(snapshots(postgres)).as("PostgreSQL reads the same").isEqualTo(before);
            assertThat(snapshots(back)).as("SQLite reads the same").isEqualTo(before);
            assertThat(postgres.forUser(RichStore.USERS.get(0)).providers().apiKey(RichStore.PROVIDER))
                    .as("secrets are copied, still usable with the same keys").contains(RichStore.API_KEY);
        }
    }

    @Test
    void anInterruptedCopyResumesWithTheUsersItHadNotFinished() {
        try (ChatStore source = sqlite("source.db"); ChatStore target = Backend.POSTGRES.open(clock)) {
            RichStore.fill(source, clock);
            RuntimeException stop = new IllegalStateException("interrupted after the first user");
            RuntimeException thrown = catchThrowableOfType(() -> StoreCopy.copy(source, target,
                    StoreImportOptions.defaults().withProgress(status -> {
                        if (status.users() == 1) {
                            throw stop;
                        }
                    })), RuntimeException.class);
            assertThat(thrown).isSameAs(stop);
            assertThat(target.admin().checksums().userChecksums()).as("the first user only, whole")
                    .containsOnlyKeys(RichStore.USERS.get(0))
                    .containsEntry(RichStore.USERS.get(0), source.admin().checksums().userChecksums().get(RichStore.USERS.get(0)));

            ImportException refused = catchThrowableOfType(
                    () -> StoreCopy.copy(source, target, StoreImportOptions.defaults()), ImportException.class);
            assertThat(refused).as("without resuming, the user already copied is refused").isNotNull();

            CopyReport resumed = StoreCopy.copy(source, target, StoreImportOptions.defaults().skippingExistingUsers());
            assertThat(resumed.imported().skippedUsers()).isEqualTo(1);
            assertThat(resumed.imported().users()).isEqualTo(RichStore.USERS.size() - 1);
            assertThat(target.admin().checksums()).isEqualTo(source.admin().checksums());
        }
    }

    @Test
    void aTargetThatDiffersFromTheSourceFailsTheVerification() {
        try (ChatStore source = sqlite("source.db"); ChatStore target = sqlite("target.db")) {
            List<SeededUser> seeds = RichStore.fill(source, clock);
            StoreCopy.copy(source, target, StoreImportOptions.defaults());
            target.forUser(RichStore.USERS.get(1)).messages().append(seeds.get(1).otherConversation().id(),
                    NewMessage.user("written to the copy only"));

            VerificationException e = catchThrowableOfType(() -> StoreCopy.copy(source, target,
                    StoreImportOptions.defaults().skippingExistingUsers()), VerificationException.class);
            assertThat(e).isNotNull();
            assertThat(e.differences()).as(e.getMessage()).contains(
                    "table message: " + source.admin().checksums().tableRows().get("message") + " rows in the source, "
                            + target.admin().checksums().tableRows().get("message") + " in the target",
                    "user " + RichStore.USERS.get(1) + ": content differs");
        }
    }

    @Test
    void aLiveSourceIsCopiedAsOfTheStartOfItsExportWhileWritersGoOn() throws Exception {
        try (ChatStore source = sqlite("source.db"); ChatStore target = Backend.POSTGRES.open(clock)) {
            List<SeededUser> seeds = RichStore.fill(source, clock);
            for (int i = 0; i < 2_000; i++) {
                source.forUser(RichStore.USERS.get(i % 3)).messages().append(seeds.get(i % 3).conversation().id(),
                        NewMessage.user("bulk " + i));
            }
            AtomicBoolean copying = new AtomicBoolean(true);
            AtomicLong written = new AtomicLong();
            List<Throwable> failures = new ArrayList<>();
            Thread writer = new Thread(() -> {
                try {
                    while (copying.get()) {
                        source.forUser(RichStore.USERS.get(0)).messages().append(seeds.get(0).otherConversation().id(),
                                NewMessage.user("during the copy " + written.incrementAndGet()));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            writer.start();
            CopyReport report;
            try {
                report = StoreCopy.copy(source, target, StoreImportOptions.defaults());
            } finally {
                copying.set(false);
                writer.join();
            }
            assertThat(failures).as("the writer").isEmpty();
            assertThat(written.get()).as("writes went on during the copy").isPositive();
            assertThat(report.imported().rows().get("message")).as("the copy holds the export's messages")
                    .isEqualTo(report.exported().rows().get("message"));
            assertThat(report.exported().rows().get("message")).isGreaterThanOrEqualTo(2_000L);
        }
    }

    private ChatStore sqlite(String name) {
        return SqliteChatStore.builder(dir.resolve(name)).clock(clock)
                .maxInlineAttachmentBytes(Backend.MAX_INLINE_BYTES).encryptionKeys(StoreSettings.DEFAULT_KEYS).build();
    }

    private static Map<String, UserSnapshot> snapshots(ChatStore store) {
        Map<String, UserSnapshot> all = new TreeMap<>();
        for (String userId : RichStore.USERS) {
            all.put(userId, UserSnapshot.of(store.forUser(userId)));
        }
        return all;
    }

    /** The user's section of a store export with secrets, without the header line (which names the backend). */
    private static String userExport(ChatStore store, String userId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.admin().exportStore(out, StoreExportOptions.defaults().withSecrets().onlyUsers(List.of(userId)));
        String text = out.toString(StandardCharsets.UTF_8);
        return text.substring(text.indexOf('\n') + 1);
    }
}
