package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.ImportException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Persona;
import dev.chatstore.PersonaStatus;
import dev.chatstore.StoreChecksums;
import dev.chatstore.StoreExportOptions;
import dev.chatstore.StoreExportSummary;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import dev.chatstore.TextQuery;
import dev.chatstore.TransferStatus;
import dev.chatstore.VectorQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The whole store moved: {@code StoreAdmin.exportStore} and {@code importStore} (the format of docs/export-format.md).
 * An export imported into an empty store gives a store that reads the same through every view, exports the same bytes,
 * and goes on as the original would; a broken file is refused naming its line, and leaves nothing of the user it
 * broke in.
 */
public interface StoreTransferRules extends StoreFixture {

    /**
     * Every user's data, every persona and every secret come back exactly, and a second export equals the first byte
     * for byte after the header: look at a column the export or import forgets, a timestamp's precision, a boolean or
     * JSON column's conversion, the order rows are listed in, and branch tips set before their messages exist.
     */
    @Test
    default void anExportImportedIntoAnEmptyStoreGivesTheSameStore() {
        RichStore.fill(store(), clock());
        Map<String, UserSnapshot> before = snapshots();
        List<Persona> personas = store().personas().list(PersonaStatus.ACTIVE, null);
        byte[] export = export(StoreExportOptions.defaults().withSecrets());
        StoreChecksums checksums = store().admin().checksums();

        restart(settings());
        StoreImportReport report = importFile(export, StoreImportOptions.defaults());

        assertThat(report.users()).as("users imported").isEqualTo(RichStore.USERS.size());
        assertThat(report.skippedUsers()).isZero();
        assertThat(snapshots()).as("every user reads the same through the API").isEqualTo(before);
        assertThat(store().personas().list(PersonaStatus.ACTIVE, null)).as("personas").isEqualTo(personas);
        for (String userId : RichStore.USERS) {
            assertThat(store().forUser(userId).providers().apiKey(RichStore.PROVIDER)).as("%s's API key", userId)
                    .contains(RichStore.API_KEY);
        }
        assertThat(withoutHeader(export(StoreExportOptions.defaults().withSecrets())))
                .as("a second export, after the header line").isEqualTo(withoutHeader(export));
        assertThat(store().admin().checksums()).as("counts and checksums").isEqualTo(checksums);
    }

    /**
     * The imported store goes on as the original: a replayed client message id is recognised, sequence numbers and
     * branches continue, a conversation written to rises to the top of the list (a backend numbering activity from a
     * sequence must move it past the imported numbers), and search and vectors find imported rows.
     */
    @Test
    default void anImportedStoreGoesOnAsTheOriginalWould() {
        List<SeededUser> seeds = RichStore.fill(store(), clock());
        SeededUser a = seeds.get(0);
        byte[] export = export(StoreExportOptions.defaults());
        restart(settings());
        importFile(export, StoreImportOptions.defaults());

        Appended replay = alice().messages().append(a.conversation().id(),
                NewMessage.user("What is a monad?").clientMessageId(SeededUser.CLIENT_MESSAGE_ID));
        assertThat(replay.replayed()).as("a replayed client message id").isTrue();
        assertThat(replay.message().id()).isEqualTo(a.request().id());

        Conversation other = reload(alice(), a.otherConversation().id());
        Message next = say(alice(), other.id(), "after the import");
        assertThat(next.seq()).as("sequence numbers continue").isEqualTo(other.lastSeq() + 1);
        assertThat(next.parentId()).as("the branch continues from its tip").isEqualTo(other.activeTipId());
        assertThat(alice().conversations().list(PageRequest.first(1)).items()).extracting(Conversation::id)
                .as("the conversation written to is listed first").containsExactly(other.id());
        Conversation fresh = newConversation(alice());
        assertThat(alice().conversations().list(PageRequest.first(1)).items()).extracting(Conversation::id)
                .as("a new conversation is listed first").containsExactly(fresh.id());

        assertThat(alice().search().text(TextQuery.of("monoid"), PageRequest.first(10)).items())
                .as("full-text search finds an imported message").isNotEmpty();
        assertThat(alice().embeddings().nearest(VectorQuery.of(RichStore.MODEL, new float[] {0.1f, -0.2f, 0.3f}, 1)))
                .as("vector search finds an imported vector").hasSize(1);
    }

    /** Secrets are written only on request; without them a provider comes back without its key. */
    @Test
    default void secretsAreExportedOnlyOnRequestAndStayEncrypted() {
        RichStore.fill(store(), clock());
        String without = new String(export(StoreExportOptions.defaults()), StandardCharsets.UTF_8);
        String with = new String(export(StoreExportOptions.defaults().withSecrets()), StandardCharsets.UTF_8);
        assertThat(without).as("no secret without asking").doesNotContain(RichStore.API_KEY)
                .contains("\"api_key_ciphertext\":null");
        assertThat(with).as("secrets stay encrypted").doesNotContain(RichStore.API_KEY)
                .doesNotContain("\"api_key_ciphertext\":null");
        restart(settings());
        importFile(without.getBytes(StandardCharsets.UTF_8), StoreImportOptions.defaults());
        assertThat(alice().providers().get(RichStore.PROVIDER)).as("the provider without its key").isPresent();
        assertThat(alice().providers().apiKey(RichStore.PROVIDER)).isEmpty();
    }

    /**
     * A user the store already holds is refused before anything of theirs is written, or skipped when asked (which
     * resumes an interrupted import); the summary's checksums are the store's.
     */
    @Test
    default void aUserTheStoreHoldsIsRefusedOrSkipped() {
        RichStore.fill(store(), clock());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoreExportSummary summary = store().admin().exportStore(out, StoreExportOptions.defaults());
        assertThat(summary.userChecksums()).as("the export's checksums are the store's")
                .isEqualTo(store().admin().checksums().userChecksums());
        assertThat(summary.users()).isEqualTo(RichStore.USERS.size());
        Map<String, UserSnapshot> before = snapshots();

        ImportException refused = catchThrowableOfType(
                () -> importFile(out.toByteArray(), StoreImportOptions.defaults()), ImportException.class);
        assertThat(refused).as("importing a store into itself").isNotNull();
        assertThat(refused.getMessage()).contains("already");
        StoreImportReport skipped = importFile(out.toByteArray(), StoreImportOptions.defaults().skippingExistingUsers());
        assertThat(skipped.skippedUsers()).as("users skipped").isEqualTo(RichStore.USERS.size());
        assertThat(skipped.users()).isZero();
        assertThat(snapshots()).as("nothing changed").isEqualTo(before);
    }

    /** Progress is told as rows go, in counts that only grow, and once at the end with the totals. */
    @Test
    default void exportAndImportTellTheirProgress() {
        RichStore.fill(store(), clock());
        List<TransferStatus> exported = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoreExportSummary summary = store().admin().exportStore(out,
                StoreExportOptions.defaults().withProgress(exported::add));
        assertThat(exported).as("export progress").isNotEmpty();
        assertThat(exported.get(exported.size() - 1)).satisfies(last -> {
            assertThat(last.done()).isTrue();
            assertThat(last.rows()).isEqualTo(summary.totalRows());
            assertThat(last.users()).isEqualTo(summary.users());
            assertThat(last.messages()).isEqualTo(summary.rows().get("message"));
        });
        restart(settings());
        List<TransferStatus> imported = new ArrayList<>();
        StoreImportReport report = importFile(out.toByteArray(), StoreImportOptions.defaults().withProgress(imported::add));
        assertThat(imported).extracting(TransferStatus::rows).as("rows only grow").isSorted();
        assertThat(imported.get(imported.size() - 1)).satisfies(last -> {
            assertThat(last.done()).isTrue();
            assertThat(last.rows()).isEqualTo(report.totalRows());
        });
        assertThat(report.sortedRows()).as("rows imported per table")
                .isEqualTo(new java.util.TreeMap<>(withoutEmpty(summary.rows())));
    }

    /**
     * A broken file is refused with an {@link ImportException} naming its line; the user whose section is broken is
     * not imported at all, and users before it are whole. Look at where each check happens: the header, a row's JSON,
     * table, columns and values, the section's closing line with its row count and SHA-256, the end of the file, and
     * a row the database refuses (found by writing the failed batch row by row).
     */
    @Test
    default void aBrokenFileIsRefusedNamingItsLineAndLeavesNothingOfTheBrokenUser() {
        RichStore.fill(store(), clock());
        List<String> lines = lines(export(StoreExportOptions.defaults().withSecrets()));
        Map<String, UserSnapshot> before = snapshots();
        int bobStart = lines.indexOf("{\"user\":\"" + BOB + "\"}");
        int bobEnd = indexOfPrefix(lines, "{\"userEnd\":\"" + BOB + "\"");
        int bobMessage = indexOfPrefix(lines.subList(bobStart, bobEnd), "{\"table\":\"message\"") + bobStart;
        int bobConversation = bobStart + 1;

        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("an empty file", new Case(List.of(), 1, false, false));
        cases.put("a header that is not JSON", new Case(replace(lines, 0, l -> "chatstore export"), 1, false, false));
        cases.put("another format version", new Case(replace(lines, 0, l -> l.replace("\"version\":1", "\"version\":2")), 1, false, false));
        cases.put("a file cut inside bob's section", new Case(lines.subList(0, bobMessage + 1), bobMessage + 2, true, false));
        cases.put("a file without its last line", new Case(lines.subList(0, lines.size() - 1), lines.size(), true, true));
        cases.put("a changed character in bob's content", new Case(replace(lines, bobMessage,
                l -> l.replace("\"content\":\"", "\"content\":\"X")), bobEnd + 1, true, false));
        cases.put("a row that is not JSON", new Case(replace(lines, bobMessage, l -> l.substring(0, l.length() - 2)),
                bobMessage + 1, true, false));
        cases.put("an unknown column", new Case(replace(lines, bobMessage, l -> l.replace("\"seq\":", "\"sequence\":")),
                bobMessage + 1, true, false));
        cases.put("a value of the wrong type", new Case(replace(lines, bobMessage, l -> l.replaceFirst("\"seq\":(\\d+)", "\"seq\":\"$1\"")),
                bobMessage + 1, true, false));
        cases.put("an id that is not one", new Case(replace(lines, bobConversation, l -> l.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"42\"")),
                bobConversation + 1, true, false));
        cases.put("a row of another user", new Case(replace(lines, bobMessage, l -> l.replace("\"user_id\":\"bob\"", "\"user_id\":\"alice\"")),
                bobMessage + 1, true, false));
        cases.put("an unknown table", new Case(replace(lines, bobMessage, l -> l.replace("\"table\":\"message\"", "\"table\":\"messages\"")),
                bobMessage + 1, true, false));
        // Without the SHA-256 (producers other than chatstore may leave it out) the database's own checks speak.
        List<String> unsigned = replace(lines, bobEnd, l -> l.replaceFirst(",\"sha256\":\"[0-9a-f]+\"", ""));
        cases.put("a role the store refuses", new Case(replace(unsigned, bobMessage, l -> l.replaceFirst("\"role\":\"[a-z]+\"", "\"role\":\"robot\"")),
                bobMessage + 1, true, false));
        cases.put("a message of a conversation that does not exist", new Case(replace(unsigned, bobMessage,
                l -> l.replaceFirst("\"conversation_id\":\"[^\"]+\"", "\"conversation_id\":\"00000000-0000-4000-8000-000000000000\"")),
                bobMessage + 1, true, false));
        cases.put("a duplicated row", new Case(insert(unsigned, bobMessage + 1, unsigned.get(bobMessage)), bobMessage + 2, true, false));

        for (Map.Entry<String, Case> c : cases.entrySet()) {
            restart(settings());
            byte[] file = (String.join("\n", c.getValue().lines()) + (c.getValue().lines().isEmpty() ? "" : "\n"))
                    .getBytes(StandardCharsets.UTF_8);
            ImportException e = catchThrowableOfType(() -> importFile(file, StoreImportOptions.defaults()),
                    ImportException.class);
            assertThat(e).as("%s is refused", c.getKey()).isNotNull();
            assertThat(e.line()).as("the line %s names: %s", c.getKey(), e.getMessage()).isEqualTo(c.getValue().line());
            assertThat(e.getMessage()).as(c.getKey()).startsWith("Line " + e.line() + ": ");
            if (c.getValue().bobImported()) {
                assertThat(UserSnapshot.of(bob())).as("bob is whole after %s", c.getKey())
                        .usingRecursiveComparison().isEqualTo(before.get(BOB));
            } else {
                assertThat(UserSnapshot.of(bob()).conversations()).as("nothing of bob after %s", c.getKey()).isEmpty();
                assertThat(UserSnapshot.of(bob()).facts()).as("nothing of bob after %s", c.getKey()).isEmpty();
                assertThat(bob().profile().get()).as("nothing of bob after %s", c.getKey()).isEmpty();
            }
            if (c.getValue().aliceImported()) {
                assertThat(UserSnapshot.of(alice())).as("alice, before bob, is whole after %s", c.getKey())
                        .usingRecursiveComparison().isEqualTo(before.get(ALICE));
            }
        }
    }

    /** Null arguments are refused by name. */
    @Test
    default void exportAndImportRefuseNullArguments() {
        assertThat(catchThrowable(() -> store().admin().exportStore(null, StoreExportOptions.defaults())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("out");
        assertThat(catchThrowable(() -> store().admin().exportStore(new ByteArrayOutputStream(), null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("options");
        assertThat(catchThrowable(() -> store().admin().importStore(null, StoreImportOptions.defaults())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("in");
        assertThat(catchThrowable(() -> store().admin().importStore(new ByteArrayInputStream(new byte[0]), null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("options");
    }

    /** A broken variant of an export: its lines, the line the import must name, and who is imported whole. */
    record Case(List<String> lines, long line, boolean aliceImported, boolean bobImported) {
    }

    private Map<String, UserSnapshot> snapshots() {
        Map<String, UserSnapshot> all = new LinkedHashMap<>();
        for (String userId : RichStore.USERS) {
            all.put(userId, UserSnapshot.of(store().forUser(userId)));
        }
        return all;
    }

    private byte[] export(StoreExportOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store().admin().exportStore(out, options);
        return out.toByteArray();
    }

    private StoreImportReport importFile(byte[] file, StoreImportOptions options) {
        return store().admin().importStore(new ByteArrayInputStream(file), options);
    }

    private static List<String> lines(byte[] export) {
        return List.of(new String(export, StandardCharsets.UTF_8).split("\n"));
    }

    private static List<String> withoutHeader(byte[] export) {
        List<String> lines = lines(export);
        return lines.subList(1, lines.size());
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    private static List<String> replace(List<String> lines, int index, UnaryOperator<String> change) {
        List<String> changed = new ArrayList<>(lines);
        String before = changed.get(index);
        changed.set(index, change.apply(before));
        assertThat(changed.get(index)).as("the broken line differs").isNotEqualTo(before);
        return changed;
    }

    private static List<String> insert(List<String> lines, int index, String line) {
        List<String> changed = new ArrayList<>(lines);
        changed.add(index, line);
        return changed;
    }

    private static Map<String, Long> withoutEmpty(Map<String, Long> rows) {
        Map<String, Long> nonEmpty = new LinkedHashMap<>(rows);
        nonEmpty.values().removeIf(n -> n == 0);
        return nonEmpty;
    }
}
