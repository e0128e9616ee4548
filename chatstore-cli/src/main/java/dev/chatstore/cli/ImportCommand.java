package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads a chatstore export (of any backend) into a store, each user in one transaction. The target is brought up to
 * date first (a SQLite file is created if missing): an import writes the current schema's rows.
 *
 * <p>The source is a chatstore export file. Imports from other products' databases (a later
 * {@code --from persona-chat|vector-chat|assistant <source-jdbc-url>}) belong here too, as further sources chosen by
 * that option: each reads its product's tables and writes through the same store, with the same progress and report;
 * {@link #fromExportFile} is the source there is today.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Reads a chatstore export file (of any backend) into the store, each user in one transaction;"
                + " '-' reads stdin. Migrates the target first (creating a SQLite file if missing).",
                "Exit code 5 when the file is missing or not a valid export (the line at fault is printed);"
                        + " users imported before that line stay."})
final class ImportCommand extends SingleStoreCommand {
    @Parameters(index = "1", paramLabel = "<file>", description = "The export file to read, or - for stdin.")
    String file;

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
        if (!file.equals("-")) {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new CliException(Exit.BAD_INPUT, "No readable file " + file);
            }
        }
    }

    @Override
    int run(ChatStore store) {
        StoreImportReport report = fromExportFile(store);
        Map<String, Object> json = Transfers.imported(report);
        json.put("file", file);
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
}
