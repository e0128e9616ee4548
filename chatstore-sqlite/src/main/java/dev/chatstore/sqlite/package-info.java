/** The SQLite backend: {@link dev.chatstore.sqlite.SqliteChatStore}. */
package dev.chatstore.sqlite;
