-- The schema and its applied migrations, one row each (Flyway's flyway_schema_history, simplified).
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.chatstore_schema_history (
    version      integer     PRIMARY KEY,
    description  text        NOT NULL,
    script       text        NOT NULL,
    checksum     integer     NOT NULL,
    installed_at text        NOT NULL,
    execution_ms bigint      NOT NULL,
    success      boolean     NOT NULL
);
