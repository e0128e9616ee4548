package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.InvalidInputException;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.chatstore.imports.SourceImport;
import dev.chatstore.imports.SourceProduct;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads a chatstore export (of any backend) into a store, each user in one transaction. The target is brought up to
 * date first (a SQLite file is created if missing): an import writes the current schema's rows.
 *
 * <p>The source is a chatstore export file, or with {@code --from persona-chat|vector-chat|assistant} the database of
 * one of the products chatstore unifies, named by its JDBC URL ({@link SourceImport} converts it into the export
 * format and imports that).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Reads a chatstore export file (of any backend) into the store, each user in one transaction;"
                + " '-' reads stdin. Migrates the target first (creating a SQLite file if missing).",
                "Exit code 5 when the file is missing or not a valid export (the line at fault is printed);"
                        + " users imported before that line stay."})
final class ImportCommand extends SingleStoreCommand {
    @Parameters(index = "1", paramLabel = "<file>",
            description = "The export file to read, or - for stdin; with --from, the source database's JDBC URL.")
    String file;

    @Option(names = "--from", paramLabel = "<product>", converter = SourceProductConverter.class,
            description = "Import the database of another product instead of an export file: persona-chat,"
                    + " vector-chat or assistant.")
    SourceProduct from;

    @Option(names = "--owner", paramLabel = "<user id>", defaultValue = SourceImport.DEFAULT_OWNER,
            description = "With --from assistant (a single-user product): the user its data goes to (default: ${DEFAULT-VALUE}).")
    String owner;

    @Option(names = "--source-db-user", paramLabel = "<name>", defaultValue = "${env:CHATSTORE_SOURCE_DB_USER}",
            description = "With --from: the source database's user (default: $CHATSTORE_SOURCE_DB_USER).")
    String sourceUser;

    @Option(names = "--source-db-password", paramLabel = "<password>", defaultValue = "${env:CHATSTORE_SOURCE_DB_PASSWORD}",
            description = "With --from: the source database's password (default: $CHATSTORE_SOURCE_DB_PASSWORD).")
    String sourcePassword;

    @Option(names = "--skip-existing",
            description = "Skip users and personas the store already holds (resumes an interrupted import).")
    boolean skipExisting;

    @Override
    Stores.Migrate migrate() {
        return Stores.Migrate.YES;
    }

    @Override
    Stores.Create create() {
        return Stores.Create.YES;
    }

    @Override
    void checkArguments() {
        if (from != null) {
            checkSourceUrl();
            return;
        }
        if (!file.equals("-")) {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new CliException(Exit.BAD_INPUT, "No readable file " + file);
            }
        }
    }

    @Override
    int run(ChatStore store) {
        StoreImportReport report = from == null ? fromExportFile(store) : fromSourceDatabase(store);
        Map<String, Object> json = Transfers.imported(report);
        json.put(from == null ? "file" : "source", file);
        String text = "Imported " + Views.count(report.users()) + " users" + (report.skippedUsers() > 0
                ? " (skipped " + Views.count(report.skippedUsers()) + " already there)" : "")
                + ", " + Views.count(report.totalRows()) + " rows into " + url.display() + ":" + Views.tableRows(report.rows());
        output().result(json, text);
        return Exit.OK;
    }

    /** Imports the export file (or stdin), showing bytes read of the file's size. */
    private StoreImportReport fromExportFile(ChatStore store) {
        boolean stdin = file.equals("-");
        long size = -1;
        if (!stdin) {
            try {
                size = Files.size(Path.of(file));
            } catch (IOException e) {
                throw new CliException(Exit.BAD_INPUT, "Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        Progress progress = progress("import", null);
        try (CountingInputStream in = new CountingInputStream(new BufferedInputStream(
                stdin ? System.in : Files.newInputStream(Path.of(file)), 1 << 16))) {
            StoreImportOptions options = new StoreImportOptions(skipExisting,
                    Transfers.bytes(progress, size, in::count));
            return store.admin().importStore(in, options);
        } catch (IOException e) {
            throw new CliException(Exit.BAD_INPUT, "Cannot read " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CliException(Exit.BAD_INPUT, "Cannot read " + file + ": " + e.getCause().getMessage(), e);
        }
    }

    /** A JDBC URL; for SQLite, a file that exists (the driver would create an empty one). */
    private void checkSourceUrl() {
        if (!file.startsWith("jdbc:")) {
            throw new CliException(Exit.USAGE, "With --from, <file> is the source database's JDBC URL, e.g. jdbc:sqlite:old.db");
        }
        if (file.startsWith("jdbc:sqlite:")) {
            String path = file.substring("jdbc:sqlite:".length()).replaceFirst("^file:", "").replaceFirst("\\?.*$", "");
            if (!Files.isRegularFile(Path.of(path))) {
                throw new CliException(Exit.BAD_INPUT, "No database file " + path);
            }
        }
    }

    /** Converts the other product's database and imports it; bad source data imports nothing. */
    private StoreImportReport fromSourceDatabase(ChatStore store) {
        Progress progress = progress("import", "messages");
        try (Connection source = DriverManager.getConnection(file, sourceUser, sourcePassword)) {
            return SourceImport.importInto(store, from, source, owner,
                    new StoreImportOptions(skipExisting, Transfers.messages(progress, -1)));
        } catch (SQLException e) {
            throw new CliException(Exit.UNAVAILABLE, "Cannot open the source database: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw new CliException(Exit.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** The product's command-line name ({@link SourceProduct#cliName()}). */
    static final class SourceProductConverter implements ITypeConverter<SourceProduct> {
        @Override
        public SourceProduct convert(String value) {
            try {
                return SourceProduct.fromCliName(value);
            } catch (RuntimeException e) {
                throw new TypeConversionException("'" + value + "' is not one of persona-chat, vector-chat, assistant");
            }
        }
    }
}
