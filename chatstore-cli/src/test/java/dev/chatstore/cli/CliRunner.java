package dev.chatstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the chatstore command as its main does, capturing stdout, stderr and the exit code. */
final class CliRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CliRunner() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** Stdout parsed as the one JSON object {@code --json} prints. */
        JsonNode json() {
            try {
                JsonNode node = JSON.readTree(out);
                assertThat(node).as("stdout is one JSON object: %s", out).isNotNull();
                assertThat(node.isObject()).as("stdout is a JSON object: %s", out).isTrue();
                return node;
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        /** Asserts the exit code, showing both streams when it differs; and that nothing printed a stack trace. */
        Result exits(int expected) {
            assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(expected);
            return noStackTrace();
        }

        Result noStackTrace() {
            assertThat(out + err).as("no stack trace is printed").doesNotContain("\tat ").doesNotContain("Exception in thread");
            return this;
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = ChatstoreCommand.run(args, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code command}, then the store's arguments, then {@code more}. */
    static Result run(String command, List<String> store, String... more) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(store);
        args.addAll(Arrays.asList(more));
        return run(args.toArray(String[]::new));
    }
}
