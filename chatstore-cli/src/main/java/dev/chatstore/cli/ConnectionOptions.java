package dev.chatstore.cli;

import picocli.CommandLine.Option;

/** How to sign in to a PostgreSQL store, and which schema holds it; ignored for SQLite. */
final class ConnectionOptions {
    @Option(names = "--db-user", paramLabel = "<name>", defaultValue = "${env:CHATSTORE_DB_USER}",
            description = "PostgreSQL user (default: $CHATSTORE_DB_USER, else the URL's user parameter).")
    String user;

    @Option(names = "--db-password", paramLabel = "<password>", defaultValue = "${env:CHATSTORE_DB_PASSWORD}",
            description = "PostgreSQL password (default: $CHATSTORE_DB_PASSWORD, else the URL's password parameter)."
                    + " Prefer the environment: an option shows in the process list.")
    String password;

    @Option(names = "--schema", paramLabel = "<schema>", defaultValue = "chatstore",
            description = "PostgreSQL schema of the store's tables (default: ${DEFAULT-VALUE}).")
    String schema;
}
