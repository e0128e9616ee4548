package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.SchemaMigration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** Applies pending migrations: the one subcommand that changes the schema (a SQLite file is created if missing). */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Applies pending schema migrations (creating the SQLite file if it does not exist).")
final class MigrateCommand extends SingleStoreCommand {
    @Override
    Stores.Create create() {
        return Stores.Create.YES;
    }

    @Override
    int run(ChatStore store) {
        List<SchemaMigration> applied = store.admin().migrate();
        int version = store.admin().schemaVersion();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", url.display());
        json.put("applied", Views.migrations(applied));
        json.put("schemaVersion", version);
        String text = applied.isEmpty()
                ? "Schema is current: version " + version + " (" + url.display() + ")"
                : "Applied " + applied.size() + " migration" + (applied.size() == 1 ? "" : "s") + " to " + url.display()
                        + ", now at schema version " + version + ":\n"
                        + applied.stream().map(Views::migrationLine).collect(Collectors.joining("\n"));
        output().result(json, text);
        return Exit.OK;
    }
}
