/** chatstore on SQLite: {@link dev.chatstore.sqlite.SqliteChatStore}. */
// "requires-automatic": Jdbi has no module-info; its Automatic-Module-Name is the name it publishes.
@SuppressWarnings("requires-automatic")
module dev.chatstore.sqlite {
    // SqliteChatStore and its builder hand out the API's types.
    requires transitive dev.chatstore;
    requires dev.chatstore.jdbc;
    requires java.sql;
    requires org.jdbi.v3.core;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;

    exports dev.chatstore.sqlite;

    // The engine's MigrationRunner reads the migrations through the class loader, which finds a
    // named module's resources only in packages open to everyone.
    opens dev.chatstore.sqlite.migrations;
}
