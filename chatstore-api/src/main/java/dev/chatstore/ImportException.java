package dev.chatstore;

/**
 * An import file cannot be imported: it is not a chatstore export, is of a format version this library does not
 * read, is corrupt or truncated, holds a value the store refuses, or names a user or persona the store already holds.
 * {@link #line()} says where. Nothing of the user being imported was written; users imported before it stay.
 */
public class ImportException extends ChatStoreException {
    private static final long serialVersionUID = 1L;
    /** The line of the file at fault (1 is the first). */
    private final long line;

    /**
     * Creates the exception; its message is {@code "Line " + line + ": " + problem}.
     *
     * @param line    the line of the file at fault (1 is the first)
     * @param problem what is wrong there
     */
    public ImportException(long line, String problem) {
        super("Line " + line + ": " + problem);
        this.line = line;
    }

    /**
     * Creates the exception with its cause; its message is {@code "Line " + line + ": " + problem}.
     *
     * @param line    the line of the file at fault (1 is the first)
     * @param problem what is wrong there
     * @param cause   the underlying failure, e.g. a parse or I/O error
     */
    public ImportException(long line, String problem, Throwable cause) {
        super("Line " + line + ": " + problem, cause);
        this.line = line;
    }

    /** {@return the line of the file (1 is the first) at fault, or where the file ended too early} */
    public long line() {
        return line;
    }
}
