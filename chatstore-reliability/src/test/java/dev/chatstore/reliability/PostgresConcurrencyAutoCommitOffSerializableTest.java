package dev.chatstore.reliability;

import dev.chatstore.postgres.TestPostgres;
import javax.sql.DataSource;

/** The PostgreSQL concurrency checks on a pool whose connections default to autocommit off, SERIALIZABLE. */
class PostgresConcurrencyAutoCommitOffSerializableTest extends PostgresConcurrencyTest {
    @Override
    DataSource pool() {
        return TestPostgres.pool(false, "TRANSACTION_SERIALIZABLE");
    }
}
