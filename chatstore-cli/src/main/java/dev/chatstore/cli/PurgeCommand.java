package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.OrphanPurgeReport;
import dev.chatstore.StoreAdmin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Retention, store-wide: expired search cache entries, inactive conversations archived, old archived ones deleted,
 * orphaned attachments deleted, in that order (deleting conversations can leave orphans, which the same run then
 * takes if old enough).
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Deletes expired or old data, store-wide; give at least one option. Durations: 90d, 12h, 30m, 45s"
                + " or ISO-8601 (P7D).", "Exit code 1 when a stored file could not be deleted."})
final class PurgeCommand extends SingleStoreCommand {
    @Option(names = "--search-cache", description = "Delete expired search cache entries.")
    boolean searchCache;

    @Option(names = "--archive-inactive", paramLabel = "<duration>",
            description = "Archive conversations unchanged for longer than this (pinned ones are exempt).")
    Duration archiveInactive;

    @Option(names = "--delete-archived", paramLabel = "<duration>",
            description = "Delete archived conversations unchanged for longer than this (pinned ones are exempt).")
    Duration deleteArchived;

    @Option(names = "--orphans-older-than", paramLabel = "<duration>",
            description = "Delete attachments linked to nothing, unchanged for longer than this; their files too when"
                    + " stored at local file: URIs (others are reported and kept).")
    Duration orphansOlderThan;

    @Spec
    CommandSpec spec;

    @Override
    void checkArguments() {
        if (!searchCache && archiveInactive == null && deleteArchived == null && orphansOlderThan == null) {
            throw new ParameterException(spec.commandLine(), "Nothing to purge: give --search-cache,"
                    + " --archive-inactive, --delete-archived or --orphans-older-than");
        }
    }

    @Override
    boolean needsCurrentSchema() {
        return true;
    }

    @Override
    int run(ChatStore store) {
        StoreAdmin admin = store.admin();
        Map<String, Object> json = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        int exit = Exit.OK;
        if (searchCache) {
            long deleted = admin.purgeExpiredSearchCache();
            json.put("searchCacheEntriesDeleted", deleted);
            line(text, "Expired search cache entries deleted: " + Views.count(deleted));
        }
        if (archiveInactive != null) {
            long archived = admin.archiveInactive(archiveInactive);
            json.put("conversationsArchived", archived);
            line(text, "Inactive conversations archived: " + Views.count(archived));
        }
        if (deleteArchived != null) {
            long deleted = admin.deleteArchived(deleteArchived);
            json.put("archivedConversationsDeleted", deleted);
            line(text, "Archived conversations deleted: " + Views.count(deleted));
        }
        if (orphansOlderThan != null) {
            OrphanPurgeReport report = admin.purgeOrphanedAttachments(orphansOlderThan, new LocalFileDeleter());
            Map<String, Object> orphans = new LinkedHashMap<>();
            orphans.put("deleted", report.deleted());
            orphans.put("failed", report.failed());
            orphans.put("relinked", report.relinked());
            orphans.put("failures", report.failures().stream().map(f -> Map.of(
                    "userId", f.file().userId(), "attachmentId", f.file().attachmentId(),
                    "storageUri", f.file().storageUri(), "error", ChatstoreCommand.message(f.error()))).toList());
            orphans.put("relinkedFiles", report.relinkedFiles().stream().map(f -> Map.of(
                    "userId", f.userId(), "attachmentId", f.attachmentId(), "storageUri", f.storageUri())).toList());
            json.put("orphanedAttachments", orphans);
            line(text, "Orphaned attachments deleted: " + Views.count(report.deleted()) + ", failed: "
                    + Views.count(report.failed()) + ", relinked: " + Views.count(report.relinked()));
            report.failures().forEach(f -> line(text, "  kept " + f.file().storageUri() + " (" + f.file().userId()
                    + "): " + ChatstoreCommand.message(f.error())));
            report.relinkedFiles().forEach(f -> line(text, "  relinked after its file was deleted: " + f.storageUri()
                    + " (" + f.userId() + ", attachment " + f.attachmentId() + ")"));
            if (report.failed() > 0 || report.relinked() > 0) {
                exit = Exit.FAILED;
            }
        }
        json.put("ok", exit == Exit.OK);
        output().result(json, text.toString());
        return exit;
    }

    private static void line(StringBuilder text, String line) {
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(line);
    }
}
