/**
 * An application as a chatstore user writes it on the module path: this one line is all it
 * requires. The API, the engine, Jdbi, Jackson, SLF4J, sqlite-jdbc and java.sql come with it.
 */
module dev.chatstore.example {
    requires dev.chatstore.sqlite;
}
