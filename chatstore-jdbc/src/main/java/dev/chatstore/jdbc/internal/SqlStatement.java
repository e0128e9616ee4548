package dev.chatstore.jdbc.internal;

/**
 * A statement of one of the engine's SQL catalogs. Each catalog file
 * ({@code dev/chatstore/jdbc/sql/<catalog>.sql}) has one owner class, which declares the statements
 * it runs as an enum implementing this interface; the constant {@code BY_ID} names the statement
 * {@code -- name: byId}. {@link SqlStatements} checks at open that each enum and its file name the
 * same statements, so a missing statement fails the open and a dead one cannot stay.
 */
interface SqlStatement {

    /** The catalog file's name, e.g. {@code "message"}. */
    String catalog();

    /** The enum constant's name (implemented by {@link Enum#name()}). */
    String name();

    /** The statement's name in its file: {@code BY_CLIENT_MESSAGE_ID} → {@code byClientMessageId}. */
    default String statementName() {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return out.toString();
    }
}
