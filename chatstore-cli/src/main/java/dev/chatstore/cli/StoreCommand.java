package dev.chatstore.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * What every subcommand shares: the top command's output, progress and flags. A subcommand only parses its
 * arguments, calls the store and prints what came back; failures propagate to the top command, which prints them in
 * one line and picks the exit code.
 */
abstract class StoreCommand implements Callable<Integer> {
    /** Where a store's URL is described in each subcommand's help. */
    static final String URL_DESCRIPTION = "The store: jdbc:sqlite:<file> or jdbc:postgresql://<host>[:<port>]/<database>.";

    @ParentCommand
    ChatstoreCommand root;

    @Override
    public final Integer call() {
        if (root.verbose()) {
            // Before the first logger is made (nothing of the library has logged yet in this process).
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        return execute();
    }

    /** Runs the subcommand; returns its exit code. */
    abstract int execute();

    Output output() {
        return root.output();
    }

    Progress progress(String label, String unit) {
        return root.progress(label, unit);
    }
}
