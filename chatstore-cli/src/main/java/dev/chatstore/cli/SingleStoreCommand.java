package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** A subcommand on one store, named by its first argument. */
abstract class SingleStoreCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "<url>", description = URL_DESCRIPTION)
    StoreUrl url;

    @Mixin
    ConnectionOptions connection;

    @Override
    final int execute() {
        checkArguments();
        try (ChatStore store = Stores.open(url, connection, migrate(), create())) {
            if (needsCurrentSchema()) {
                Stores.requireCurrentSchema(store, url);
            }
            return run(store);
        }
    }

    /** Checks the other arguments before the store is opened (and a SQLite file perhaps created). */
    void checkArguments() {
    }

    /** Whether the subcommand reads or writes the store's tables, so needs the current schema. */
    boolean needsCurrentSchema() {
        return false;
    }

    /** Whether opening brings the schema up to date: no, but for migrate and import. */
    Stores.Migrate migrate() {
        return Stores.Migrate.NO;
    }

    /** Whether a SQLite file that does not exist is created: no, but for migrate and import. */
    Stores.Create create() {
        return Stores.Create.NO;
    }

    /** Runs the subcommand on the open store; returns its exit code. */
    abstract int run(ChatStore store);
}
