package dev.chatstore.imports;

import dev.chatstore.ChatStore;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * Imports the database of another chat product into a chatstore store (see the package documentation for the
 * rules). A source is converted into the store export format and read by
 * {@link dev.chatstore.StoreAdmin#importStore}, so an import has that method's guarantees: each user in one
 * transaction, checked by row count and checksum. Stateless and thread-safe; a source connection must not be used
 * by anything else while it is read.
 */
public final class SourceImport {
    /** The user a single-user source's rows (the assistant's) belong to when the caller names none. */
    public static final String DEFAULT_OWNER = "local";

    private SourceImport() {
    }

    /**
     * Converts {@code source} into a temporary file in the export format, then imports it. The whole source is
     * converted before anything is written, so bad source data changes nothing in the store.
     *
     * @param ownerUserId the user a single-user source's rows go to; ignored by sources that name their users
     * @throws InvalidInputException ("source") if the source is not a database of {@code product} or holds data
     *                               that cannot be converted (a missing table, an unreadable timestamp, a dangling
     *                               reference, a value chatstore refuses); nothing is imported then. An argument
     *                               that is null is an InvalidInputException naming it.
     * @throws dev.chatstore.ImportException as {@link dev.chatstore.StoreAdmin#importStore} throws it (e.g. a user
     *                                       the store already holds, unless told to skip them)
     * @throws dev.chatstore.StoreUnavailableException if the source cannot be read
     */
    public static StoreImportReport importInto(ChatStore target, SourceProduct product, Connection source,
                                               String ownerUserId, StoreImportOptions options) {
        check("target", target);
        check("options", options);
        Path file = null;
        try {
            file = Files.createTempFile("chatstore-import", ".jsonl");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                writeExport(product, source, ownerUserId, out);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return target.admin().importStore(in, options);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A temporary file left behind is the platform's to clean; the import's outcome stands.
                }
            }
        }
    }

    /** {@link #importInto(ChatStore, SourceProduct, Connection, String, StoreImportOptions)} with {@link #DEFAULT_OWNER}. */
    public static StoreImportReport importInto(ChatStore target, SourceProduct product, Connection source,
                                               StoreImportOptions options) {
        return importInto(target, product, source, DEFAULT_OWNER, options);
    }

    /**
     * Writes {@code source} to {@code out} (flushed, not closed) in the store export format, version 1.
     *
     * @throws InvalidInputException ("source") as {@link #importInto} says; what was written before is then not a
     *                               complete export (it has no last line, so an import refuses it)
     * @throws UncheckedIOException  if writing fails
     */
    public static void writeExport(SourceProduct product, Connection source, String ownerUserId, OutputStream out) {
        check("product", product);
        check("source", source);
        check("out", out);
        check("ownerUserId", ownerUserId);
        if (ownerUserId.isBlank() || ownerUserId.length() > Limits.USER_ID_MAX) {
            throw new InvalidInputException("ownerUserId", "must be 1 to " + Limits.USER_ID_MAX + " characters");
        }
        try (ExportWriter writer = new ExportWriter(out, "import:" + product.cliName())) {
            converter(product).convert(new SourceDb(source), writer, ownerUserId);
            writer.finish();
        }
    }

    /** {@link #writeExport(SourceProduct, Connection, String, OutputStream)} with {@link #DEFAULT_OWNER}. */
    public static void writeExport(SourceProduct product, Connection source, OutputStream out) {
        writeExport(product, source, DEFAULT_OWNER, out);
    }

    /**
     * The chatstore id a source row's id becomes: a UUID stays (lowercased), any other id becomes a name-based UUID
     * of the product, the source table and the id. For applications that keep source ids elsewhere.
     *
     * @param table the source table, e.g. {@code "messages"} or {@code "chats"}
     */
    public static String chatstoreId(SourceProduct product, String table, String sourceId) {
        check("product", product);
        check("table", table);
        check("sourceId", sourceId);
        return SourceIds.of(product, table, sourceId);
    }

    private static Converter converter(SourceProduct product) {
        return switch (product) {
            case PERSONA_CHAT -> new PersonaChatConverter();
            case VECTOR_CHAT -> new VectorChatConverter();
            case ASSISTANT -> new AssistantConverter();
        };
    }

    private static void check(String argument, Object value) {
        if (value == null) {
            throw new InvalidInputException(argument, "must not be null");
        }
    }
}
