package dev.chatstore;

/**
 * An import file cannot be imported: it is not a chatstore export, is of a format version this library does not
 * read, is corrupt or truncated, holds a value the store refuses, or names a user or persona the store already holds.
 * {@link #line()} says where. Nothing of the user being imported was written; users imported before it stay.
 */
public class ImportException extends ChatStoreException {
    private static final long serialVersionUID = 1L;
    private final long line;

    public ImportException(long line, String problem) {
        super("Line " + line + ": " + problem);
        this.line = line;
    }

    public ImportException(long line, String problem, Throwable cause) {
        super("Line " + line + ": " + problem, cause);
        this.line = line;
    }

    /** The line of the file (1 is the first) at fault, or where the file ended too early. */
    public long line() {
        return line;
    }
}
