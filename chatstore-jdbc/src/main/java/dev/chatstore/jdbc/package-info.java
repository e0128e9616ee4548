/**
 * chatstore's shared JDBC engine on Jdbi 3 and the {@link dev.chatstore.jdbc.Dialect} SPI that the
 * SQLite and PostgreSQL modules implement. Internal to the project: applications code against
 * {@code dev.chatstore} only.
 */
package dev.chatstore.jdbc;
