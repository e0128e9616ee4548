package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.SchemaMigration;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreInfo;
import dev.chatstore.StoreStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;

/** What the store runs on, its schema version and history, and its statistics; changes nothing. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Shows the backend, the schema version and history, and the statistics (migrates nothing).")
final class InfoCommand extends SingleStoreCommand {
    @Override
    int run(ChatStore store) {
        StoreAdmin admin = store.admin();
        List<SchemaMigration> history = admin.schemaHistory();
        int version = history.stream().mapToInt(SchemaMigration::version).max().orElse(0);
        int latest = admin.latestSchemaVersion();
        StoreInfo info = admin.info();
        // The statistics read the current schema's tables: only then.
        StoreStatistics statistics = version == latest ? admin.statistics() : null;

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backend", info.backend());
        json.put("serverVersion", info.serverVersion());
        json.put("location", info.location());
        json.put("extensions", new TreeSet<>(info.extensions()));
        json.put("schemaVersion", version);
        json.put("latestSchemaVersion", latest);
        json.put("schemaCurrent", version == latest);
        json.put("history", Views.migrations(history));
        json.put("statistics", statistics == null ? null : StatsCommand.json(statistics));

        StringBuilder text = new StringBuilder();
        text.append("Backend:     ").append(info.backend()).append(' ').append(info.serverVersion()).append('\n');
        text.append("Location:    ").append(info.location()).append('\n');
        text.append("Extensions:  ").append(String.join(", ", new TreeSet<>(info.extensions()))).append('\n');
        text.append("Schema:      version ").append(version).append(" of ").append(latest)
                .append(version == latest ? " (current)" : version < latest
                        ? " (" + (latest - version) + " pending: run chatstore migrate)" : " (newer than this chatstore)")
                .append('\n');
        if (statistics != null) {
            text.append("Statistics:  ").append(StatsCommand.text(statistics)).append('\n');
        }
        text.append("History:");
        if (history.isEmpty()) {
            text.append(" none (an empty database)");
        }
        history.forEach(m -> text.append('\n').append(Views.migrationLine(m)));
        output().result(json, text.toString());
        return Exit.OK;
    }
}
