package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.CopyReport;
import dev.chatstore.StoreCopy;
import dev.chatstore.StoreImportOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Copies every persona and user of one store into another, of any backend, and verifies the copy (row counts per
 * table, a checksum per user). The source is only read; the target is migrated first (a SQLite file is created).
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copies a store into another (SQLite to PostgreSQL or back), then verifies the target's row"
                + " counts and per-user checksums against the source. The target is migrated first.",
                "--db-user, --db-password and --schema apply to the source, and to the target unless --target-* say otherwise.",
                "Exit code 7 when the copy differs from its source; 5 when the target already holds a user of the"
                        + " source (use --resume)."})
final class CopyCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "<source-url>", description = "The store to copy (only read).")
    StoreUrl source;

    @Parameters(index = "1", paramLabel = "<target-url>", description = "The store to copy into.")
    StoreUrl target;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--target-db-user", paramLabel = "<name>", defaultValue = "${env:CHATSTORE_TARGET_DB_USER}",
            description = "PostgreSQL user of the target (default: $CHATSTORE_TARGET_DB_USER, else --db-user).")
    String targetUser;

    @Option(names = "--target-db-password", paramLabel = "<password>", defaultValue = "${env:CHATSTORE_TARGET_DB_PASSWORD}",
            description = "PostgreSQL password of the target (default: $CHATSTORE_TARGET_DB_PASSWORD, else --db-password).")
    String targetPassword;

    @Option(names = "--target-schema", paramLabel = "<schema>", description = "PostgreSQL schema of the target (default: --schema).")
    String targetSchema;

    @Option(names = "--resume", description = "Skip the users the target already holds (resumes an interrupted copy).")
    boolean resume;

    @Override
    int execute() {
        ConnectionOptions targetConnection = new ConnectionOptions();
        targetConnection.user = targetUser != null ? targetUser : connection.user;
        targetConnection.password = targetPassword != null ? targetPassword : connection.password;
        targetConnection.schema = targetSchema != null ? targetSchema : connection.schema;
        if (source.url().equals(target.url()) && targetConnection.schema.equals(connection.schema)) {
            throw new CliException(Exit.USAGE, "The target is the source: " + source.display());
        }
        try (ChatStore from = Stores.open(source, connection, Stores.Migrate.NO, Stores.Create.NO);
             ChatStore to = Stores.open(target, targetConnection, Stores.Migrate.YES, Stores.Create.YES)) {
            Stores.requireCurrentSchema(from, source);
            long total = from.admin().statistics().messages();
            Progress progress = progress("copy", "messages");
            StoreImportOptions options = new StoreImportOptions(resume, Transfers.messages(progress, total));
            CopyReport report = StoreCopy.copy(from, to, options);

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("source", source.display());
            json.put("target", target.display());
            json.put("verified", true);
            json.put("exported", Transfers.exported(report.exported()));
            json.put("imported", Transfers.imported(report.imported()));
            json.put("tookMillis", report.elapsed().toMillis());
            json.put("messagesPerSecond", Math.round(report.messagesPerSecond()));
            String text = "Copied " + source.display() + " to " + target.display() + " and verified it: "
                    + Views.count(report.imported().users()) + " users copied"
                    + (report.imported().skippedUsers() > 0 ? ", " + Views.count(report.imported().skippedUsers())
                            + " already there" : "")
                    + ", " + Views.count(report.exported().totalRows()) + " rows in the source, in "
                    + Views.seconds(report.elapsed()) + ":" + Views.tableRows(report.exported().rows());
            output().result(json, text);
            return Exit.OK;
        }
    }
}
