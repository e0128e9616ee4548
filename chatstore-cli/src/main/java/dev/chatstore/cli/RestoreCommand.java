package dev.chatstore.cli;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.BackupReport;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Puts a SQLite backup in place, checked and migrated, replacing the target only when told to. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restores a SQLite backup (or any chatstore database file) to a target file: checked, migrated if"
                + " older, then renamed into place. No store may have the target open.",
                "Exit code 5 when the backup is missing or not a sound chatstore database."})
final class RestoreCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "<backup>", description = "The backup file to read (only read).")
    Path backup;

    @Parameters(index = "1", paramLabel = "<target>", description = "The database file to write, or its jdbc:sqlite: URL.")
    String target;

    @Option(names = "--replace", description = "Replace the target if it exists.")
    boolean replace;

    @Override
    int execute() {
        Path targetFile = targetFile();
        if (!Files.isRegularFile(backup)) {
            throw new CliException(Exit.BAD_INPUT, "No backup file " + backup);
        }
        BackupReport report;
        try {
            report = SqliteChatStore.restore(backup, targetFile, replace);
        } catch (AlreadyExistsException e) {
            throw new CliException(Exit.FAILED, "A file exists at " + targetFile + "; add --replace to replace it");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backup", backup.toString());
        json.put("file", report.file().toString());
        json.put("bytes", report.bytes());
        json.put("schemaVersion", report.schemaVersion());
        json.put("tookMillis", report.took().toMillis());
        output().result(json, "Restored " + backup + " to " + report.file() + ": " + Progress.size(report.bytes())
                + ", schema version " + report.schemaVersion() + ", checked, in " + Views.seconds(report.took()));
        return Exit.OK;
    }

    private Path targetFile() {
        if (!target.startsWith("jdbc:")) {
            return Path.of(target);
        }
        StoreUrl url;
        try {
            url = StoreUrl.parse(target);
        } catch (IllegalArgumentException e) {
            throw new CliException(Exit.USAGE, e.getMessage());
        }
        if (url.backend() != StoreUrl.Backend.SQLITE || url.inMemory()) {
            throw new CliException(Exit.USAGE, "restore writes a SQLite file, not " + url.display()
                    + " (chatstore import or copy move data into PostgreSQL)");
        }
        return url.file();
    }
}
