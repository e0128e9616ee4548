/**
 * Implementation of the engine. Not API.
 *
 * <p>Where things live:
 * <ul>
 *   <li>Public repository classes ({@code Jdbc…}, one per API interface) validate arguments and open
 *       the transaction; the collaborators they call take the transaction's {@code Handle}.</li>
 *   <li>The conversation row (lock, counters, tip, preview, read marker): {@link dev.chatstore.jdbc.internal.ConversationLedger}.
 *       Every write that changes a conversation's messages locks it there first, then reads.</li>
 *   <li>Appending (append, appendAll, regenerate, editIntoBranch, greetings; idempotency, reference
 *       checks, batched inserts, message hooks): {@link dev.chatstore.jdbc.internal.MessageAppender}.</li>
 *   <li>Message rows: {@link dev.chatstore.jdbc.internal.MessageRows}; branches and paths:
 *       {@link dev.chatstore.jdbc.internal.BranchReader}; attachment links:
 *       {@link dev.chatstore.jdbc.internal.AttachmentLinks}.</li>
 *   <li>SQL: each file {@code dev/chatstore/jdbc/sql/<catalog>.sql} has one owner class, which declares
 *       its statements in a nested {@code enum Sql}; {@link dev.chatstore.jdbc.internal.SqlStatements}
 *       loads them all when a store opens and refuses a missing or undeclared statement. Column lists
 *       are written once, in {@code columns.sql}, and the conversation filter's condition (listings
 *       and search) in {@code conversation_filter.sql}.</li>
 *   <li>Shared state (database, dialect, clock, ids, hooks, the collaborators above):
 *       {@link dev.chatstore.jdbc.internal.StoreContext}.</li>
 * </ul>
 */
package dev.chatstore.jdbc.internal;
