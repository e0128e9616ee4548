package dev.chatstore.demo;

import dev.chatstore.ChatStore;
import dev.chatstore.SchemaMigration;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreInfo;
import dev.chatstore.StoreStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator's command-line tool does with a store, written against chatstore-api alone:
 * bring the schema up to date, then report the schema history, what the store runs on and its
 * counts. Only {@link #main} knows the backend.
 */
public final class AdminReport {
    private AdminReport() {
    }

    /** Migrates {@code store} and describes it, one line per fact. */
    public static List<String> migrateAndReport(ChatStore store) {
        StoreAdmin admin = store.admin();
        List<String> lines = new ArrayList<>();
        List<SchemaMigration> applied = admin.migrate();
        lines.add("applied " + applied.size() + " migration(s)");
        lines.add("schema version " + admin.schemaVersion() + " of " + admin.latestSchemaVersion());
        for (SchemaMigration m : admin.schemaHistory()) {
            lines.add("  V" + m.version() + " " + m.description() + " (" + m.script() + ", checksum " + m.checksum()
                    + ", installed " + m.installedAt() + ")");
        }
        StoreInfo info = admin.info();
        lines.add("backend " + info.backend() + " " + info.serverVersion() + " at " + info.location());
        StoreStatistics counts = admin.statistics();
        lines.add("users " + counts.users() + ", conversations " + counts.conversations() + ", messages "
                + counts.messages() + ", active personas " + counts.activePersonas());
        return lines;
    }

    /** Usage: {@code AdminReport <sqlite file>}; opens without migrating, so the report shows what it applied. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: AdminReport <sqlite file>");
            System.exit(2);
        }
        try (ChatStore store = dev.chatstore.sqlite.SqliteChatStore.builder(java.nio.file.Path.of(args[0]))
                .migrateOnOpen(false).build()) {
            migrateAndReport(store).forEach(System.out::println);
        }
    }
}
