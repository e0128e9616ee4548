package dev.chatstore.imports;

import dev.chatstore.InvalidInputException;

/** The one kind of error bad source data gives: an {@link InvalidInputException} of the argument "source". */
final class SourceProblem {
    private SourceProblem() {
    }

    /** A value of one row: names the table, the row's key and the column. */
    static InvalidInputException at(String table, Object rowKey, String column, String problem) {
        return new InvalidInputException("source", table + " row " + rowKey + ", column " + column + ": " + problem);
    }

    static InvalidInputException of(String problem) {
        return new InvalidInputException("source", problem);
    }

    /** The source refused a value through chatstore's own validation (an API record's constructor). */
    static InvalidInputException refused(String table, Object rowKey, InvalidInputException cause) {
        InvalidInputException e = new InvalidInputException("source", table + " row " + rowKey + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }
}
