package dev.chatstore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's result goes: human text on stdout, or with {@code --json} one JSON object on stdout. Errors and
 * progress go to stderr. Not thread-safe.
 */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Output(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    PrintStream err() {
        return err;
    }

    /** Prints the result: {@code result} as JSON with {@code --json}, else {@code text}. */
    void result(Map<String, ?> result, String text) {
        if (json) {
            out.println(toJson(result));
        } else if (!text.isEmpty()) {
            out.println(text);
        }
        out.flush();
    }

    /** A result on stderr (when stdout carries data, e.g. {@code export ... -}). */
    void resultToStderr(Map<String, ?> result, String text) {
        err.println(json ? toJson(result) : text);
        err.flush();
    }

    /** The one line a failure prints on stderr, and with {@code --json} its JSON object on stdout. */
    void error(int exitCode, String message) {
        err.println("chatstore: " + message);
        err.flush();
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("ok", false);
            error.put("exitCode", exitCode);
            error.put("error", message);
            out.println(toJson(error));
            out.flush();
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }
}
