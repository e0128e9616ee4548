/** chatstore on PostgreSQL: {@link dev.chatstore.postgres.PostgresChatStore}. */
// "requires-automatic": Jdbi and pgjdbc have no module-info; their Automatic-Module-Names are the
// names they publish.
@SuppressWarnings("requires-automatic")
module dev.chatstore.postgres {
    // PostgresChatStore hands out the API's types and takes a javax.sql.DataSource.
    requires transitive dev.chatstore;
    requires transitive java.sql;
    requires dev.chatstore.jdbc;
    requires org.jdbi.v3.core;
    requires org.postgresql.jdbc;
    // Optional: pool figures when the application's DataSource is HikariCP.
    requires static com.zaxxer.hikari;

    exports dev.chatstore.postgres;

    // The engine's MigrationRunner reads the migrations through the class loader, which finds a
    // named module's resources only in packages open to everyone.
    opens dev.chatstore.postgres.migrations;
    // The engine reads PostgreSQL's own statements (overrides of its catalogs) the same way.
    opens dev.chatstore.postgres.sql;
}
