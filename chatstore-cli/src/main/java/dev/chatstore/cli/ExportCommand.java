package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.StoreExportOptions;
import dev.chatstore.StoreExportSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes the store to a file in the export format (docs/export-format.md), from one consistent read. The file appears
 * only when complete: it is written beside its name and renamed.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the whole store (or some users) as JSON Lines in the chatstore export format, from one"
                + " consistent read; '-' writes to stdout (the summary then goes to stderr)."})
final class ExportCommand extends SingleStoreCommand {
    @Parameters(index = "1", paramLabel = "<file>", description = "The file to write, or - for stdout.")
    String file;

    @Option(names = "--include-secrets", description = "Write stored provider API keys (still encrypted).")
    boolean includeSecrets;

    @Option(names = "--user", paramLabel = "<id>", description = "Only this user (repeatable); personas are always written.")
    List<String> users = new ArrayList<>();

    @Option(names = "--force", description = "Replace the file if it exists.")
    boolean force;

    @Override
    void checkArguments() {
        if (file.equals("-")) {
            return;
        }
        Path path = Path.of(file);
        if (Files.exists(path) && !force) {
            throw new CliException(Exit.FAILED, "A file exists at " + path + "; add --force to replace it");
        }
        Path directory = path.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new CliException(Exit.FAILED, "No directory " + directory + " to write " + path + " in");
        }
    }

    @Override
    boolean needsCurrentSchema() {
        return true;
    }

    @Override
    int run(ChatStore store) {
        // The messages to write, for the progress bar's total: known when exporting everyone.
        long total = users.isEmpty() ? store.admin().statistics().messages() : -1;
        Progress progress = progress("export", "messages");
        StoreExportOptions options = new StoreExportOptions(includeSecrets, new TreeSet<>(users),
                Transfers.messages(progress, total));
        StoreExportSummary summary;
        Path path = null;
        if (file.equals("-")) {
            OutputStream out = new BufferedOutputStream(root.out(), 1 << 16);
            summary = store.admin().exportStore(out, options);
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            path = Path.of(file);
            summary = toFile(store, path, options);
        }
        Map<String, Object> json = Transfers.exported(summary);
        json.put("file", path == null ? "-" : path.toString());
        json.put("secrets", includeSecrets);
        String text = "Exported " + Views.count(summary.users()) + " users, " + Views.count(summary.totalRows())
                + " rows to " + (path == null ? "stdout" : path) + ":" + Views.tableRows(summary.rows());
        if (path == null) {
            output().resultToStderr(json, text);
        } else {
            output().result(json, text);
        }
        return Exit.OK;
    }

    private StoreExportSummary toFile(ChatStore store, Path path, StoreExportOptions options) {
        Path directory = path.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, path.getFileName().toString(), ".part");
            StoreExportSummary summary;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                summary = store.admin().exportStore(out, options);
            }
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            return summary;
        } catch (IOException e) {
            throw new CliException(Exit.FAILED, "Cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The failure that got us here is what the operator needs to see.
                }
            }
        }
    }
}
