/**
 * chatstore's shared JDBC engine. Only the backends read it; applications code against
 * {@code dev.chatstore}.
 */
// "module": the backends named below are built after the engine, so javac cannot see them yet.
// "requires-automatic": Jdbi has no module-info; its Automatic-Module-Name is the name it publishes.
@SuppressWarnings({"module", "requires-automatic"})
module dev.chatstore.jdbc {
    // The engine SPI's signatures use the API's types and JDBC's (ResultSet, SQLException).
    requires transitive dev.chatstore;
    requires transitive java.sql;

    // Jdbi appears in the SPI too, but as an automatic module it is required by each backend
    // itself rather than through a transitive edge, which javac warns about for automatic modules.
    requires org.jdbi.v3.core;
    // Jdbi's own dependency: an automatic module declares no requires, so nothing else resolves it.
    requires io.leangen.geantyref;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires com.github.benmanes.caffeine;
    requires org.apache.lucene.core;

    exports dev.chatstore.jdbc to dev.chatstore.sqlite, dev.chatstore.postgres;

    // SqlCatalog loads the statements through the class loader, which finds a named module's
    // resources only in packages open to everyone.
    opens dev.chatstore.jdbc.sql;
}
