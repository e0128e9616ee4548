package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.MaintenanceReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Returns free space and defragments; optionally brings the planner's statistics up to date, and checkpoints. */
@Command(name = "vacuum", mixinStandardHelpOptions = true,
        description = {"Returns free space to the file system and defragments (SQLite: VACUUM; PostgreSQL:"
                + " VACUUM (ANALYZE) of the store's tables).", "Exit code 1 when an operation did not complete."})
final class VacuumCommand extends SingleStoreCommand {
    @Option(names = "--optimize", description = "Then bring the query planner's statistics up to date (SQLite: PRAGMA optimize).")
    boolean optimize;

    @Option(names = "--checkpoint", description = "Then copy the write-ahead log into the database (SQLite only).")
    boolean checkpoint;

    @Override
    int run(ChatStore store) {
        List<MaintenanceReport> reports = new ArrayList<>();
        reports.add(store.admin().vacuum());
        if (optimize) {
            reports.add(store.admin().optimize());
        }
        if (checkpoint) {
            reports.add(store.admin().checkpoint());
        }
        boolean ok = reports.stream().allMatch(MaintenanceReport::ok);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", ok);
        json.put("operations", reports.stream().map(Views::maintenance).toList());
        output().result(json, reports.stream().map(Views::maintenanceText).collect(Collectors.joining("\n")));
        return ok ? Exit.OK : Exit.FAILED;
    }
}
