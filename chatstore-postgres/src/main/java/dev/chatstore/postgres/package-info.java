/** The PostgreSQL backend: {@link dev.chatstore.postgres.PostgresChatStore}. */
package dev.chatstore.postgres;
