package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.SchemaMigration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;

/**
 * Checks that the schema history matches this chatstore's migrations (none edited, none unknown) and that none is
 * pending. A mismatch ends the command with the library's own message ({@link Exit#SCHEMA}).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks that the schema history matches this chatstore's migrations and that none is pending.",
                "Exit code 6 when migrations are pending or the history does not match."})
final class ValidateCommand extends SingleStoreCommand {
    @Override
    int run(ChatStore store) {
        List<SchemaMigration> history = store.admin().schemaHistory();
        int version = history.stream().mapToInt(SchemaMigration::version).max().orElse(0);
        int latest = store.admin().latestSchemaVersion();
        List<Integer> pending = IntStream.rangeClosed(version + 1, latest).boxed().toList();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valid", pending.isEmpty());
        json.put("schemaVersion", version);
        json.put("latestSchemaVersion", latest);
        json.put("applied", history.size());
        json.put("pending", pending);
        String text = pending.isEmpty()
                ? "Valid: " + history.size() + " migrations applied as this chatstore has them, schema version " + version
                : "Not current: schema version " + version + " of " + latest + ", " + pending.size()
                        + " pending migration" + (pending.size() == 1 ? "" : "s") + " (V" + pending.get(0)
                        + (pending.size() > 1 ? "..V" + latest : "") + "); the applied ones match. Run chatstore migrate.";
        output().result(json, text);
        return pending.isEmpty() ? Exit.OK : Exit.SCHEMA;
    }
}
