package dev.chatstore.reliability;

import dev.chatstore.postgres.TestPostgres;
import javax.sql.DataSource;

/** The PostgreSQL concurrency checks on a pool whose connections default to autocommit on, REPEATABLE READ. */
class PostgresConcurrencyRepeatableReadTest extends PostgresConcurrencyTest {
    @Override
    DataSource pool() {
        return TestPostgres.pool(true, "TRANSACTION_REPEATABLE_READ");
    }
}
