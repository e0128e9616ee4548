/** Imports other chat products' databases into a chatstore store: {@link dev.chatstore.imports.SourceImport}. */
module dev.chatstore.imports {
    requires transitive dev.chatstore;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;

    exports dev.chatstore.imports;
}
