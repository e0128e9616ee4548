-- Applied migrations, one row each (Flyway's flyway_schema_history, simplified).
CREATE TABLE IF NOT EXISTS chatstore_schema_history (
    version      INTEGER PRIMARY KEY,
    description  TEXT    NOT NULL,
    script       TEXT    NOT NULL,
    checksum     INTEGER NOT NULL,
    installed_at TEXT    NOT NULL,
    execution_ms INTEGER NOT NULL,
    success      INTEGER NOT NULL
);
