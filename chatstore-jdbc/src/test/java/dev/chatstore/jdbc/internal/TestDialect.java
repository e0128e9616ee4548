package dev.chatstore.jdbc.internal;

import dev.chatstore.jdbc.DatabaseFailure;
import dev.chatstore.jdbc.Dialect;
import dev.chatstore.jdbc.FullText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** A dialect that answers what loading SQL and translating errors ask of it; no database behind it. */
record TestDialect(String statementOverridesPath) implements Dialect {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public FullText fullText() {
        throw new UnsupportedOperationException("the test dialect has no database to search");
    }

    @Override
    public String migrationsPath() {
        return "none";
    }

    @Override
    public String schema() {
        return "test_schema";
    }

    @Override
    public String nextActivitySeq() {
        return "(SELECT 1 WHERE :userId IS NOT NULL)";
    }

    @Override
    public String jsonArrayAgg() {
        return "json_group_array";
    }

    @Override
    public String forUpdate() {
        return "FOR UPDATE";
    }

    @Override
    public void configure(Jdbi jdbi) {
        throw new UnsupportedOperationException("loading SQL never configures a Jdbi");
    }

    @Override
    public void bindInstant(java.sql.PreparedStatement statement, int position, Instant value) {
        throw new UnsupportedOperationException("loading SQL never binds");
    }

    @Override
    public void bindJson(java.sql.PreparedStatement statement, int position, String json) {
        throw new UnsupportedOperationException("loading SQL never binds");
    }

    @Override
    public Instant readInstant(ResultSet rs, String column) throws SQLException {
        throw new UnsupportedOperationException("loading SQL never reads rows");
    }

    @Override
    public void lockForMigration(Handle handle) {
        throw new UnsupportedOperationException("loading SQL never migrates");
    }

    /** By SQLSTATE, for tests of the engine's retries and translations. */
    @Override
    public DatabaseFailure classify(SQLException e) {
        return "40001".equals(e.getSQLState()) ? DatabaseFailure.TRANSIENT_CONFLICT : DatabaseFailure.OTHER;
    }

    @Override
    public String describe(SQLException e) {
        return "test";
    }

    @Override
    public String serverVersion(Handle handle) {
        return "test";
    }
}
