package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.MaintenanceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks the database's integrity (SQLite; on PostgreSQL the server's tools do, exit {@link Exit#UNSUPPORTED}). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the database's integrity: SQLite's quick_check, or with --full integrity_check and the"
                + " full-text indexes. Exit code 1 when problems are found; 4 on PostgreSQL."})
final class CheckCommand extends SingleStoreCommand {
    @Option(names = "--full", description = "The full check (integrity_check and the full-text indexes): slower.")
    boolean full;

    @Override
    int run(ChatStore store) {
        MaintenanceReport report = store.admin().checkIntegrity(full);
        output().result(Views.maintenance(report), Views.maintenanceText(report));
        return report.ok() ? Exit.OK : Exit.FAILED;
    }
}
