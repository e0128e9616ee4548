package dev.chatstore.cli;

import dev.chatstore.BackupReport;
import dev.chatstore.ChatStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A consistent, checked copy of a SQLite store's file, written while the store goes on working. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Writes a consistent, checked copy of a SQLite database to a file (replacing a previous backup"
                + " there only once the new one is complete).", "Exit code 4 on PostgreSQL (use pg_dump or pg_basebackup,"
                + " or chatstore export)."})
final class BackupCommand extends SingleStoreCommand {
    @Parameters(index = "1", paramLabel = "<file>", description = "The backup file to write.")
    Path target;

    @Option(names = "--compact", description = "Write it without free pages (VACUUM INTO): smaller, slower; no progress.")
    boolean compact;

    @Override
    int run(ChatStore store) {
        BackupReport report;
        if (compact) {
            report = store.admin().compactTo(target);
        } else {
            Progress progress = progress("backup", "pages");
            long[] last = {0, -1};
            report = store.admin().backupTo(target, (done, total) -> {
                last[0] = done;
                last[1] = total;
                progress.update(done, total, "");
            });
            progress.finish(last[0], last[1], "");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", report.file().toString());
        json.put("bytes", report.bytes());
        json.put("schemaVersion", report.schemaVersion());
        json.put("tookMillis", report.took().toMillis());
        output().result(json, "Backup written to " + report.file() + ": " + Progress.size(report.bytes())
                + ", schema version " + report.schemaVersion() + ", checked, in " + Views.seconds(report.took()));
        return Exit.OK;
    }
}
