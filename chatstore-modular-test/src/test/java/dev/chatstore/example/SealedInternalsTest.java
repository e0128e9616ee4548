package dev.chatstore.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A user module cannot compile against chatstore's internals, even when it reads every chatstore
 * module: javac, on the example's module path, refuses them because no module-info exports them
 * to it. The same compilation of public API code succeeds, so a refusal is the module system's
 * and not a broken setup.
 *
 * <p>When a refusal test fails, a module-info exports that package to everyone (or the package
 * moved); when the public API test fails, look at the javac output in the message first.
 */
class SealedInternalsTest {
    // The user module requires the engine too, so that only the missing exports can refuse it.
    private static final String USER_MODULE = """
            module com.example.user {
                requires dev.chatstore.sqlite;
                requires dev.chatstore.jdbc;
            }
            """;

    @TempDir
    Path dir;

    @Test
    void userModuleCompilesAgainstThePublicApi() throws IOException {
        String probe = """
                package com.example.user;

                import dev.chatstore.ChatStore;
                import dev.chatstore.sqlite.SqliteChatStore;

                final class Probe {
                    ChatStore open() {
                        return SqliteChatStore.inMemory();
                    }
                }
                """;

        Compilation result = compile(probe);

        assertThat(result.exitCode()).as("javac exit code; output:%n%s", result.output()).isZero();
    }

    @ParameterizedTest(name = "{0} is sealed in {2}")
    @CsvSource({
            "dev.chatstore.internal.Check,      dev.chatstore.internal, dev.chatstore",
            "dev.chatstore.jdbc.ChatStoreEngine, dev.chatstore.jdbc,     dev.chatstore.jdbc",
            "dev.chatstore.jdbc.internal.*,      dev.chatstore.jdbc.internal, dev.chatstore.jdbc"
    })
    void userModuleCannotImportInternals(String imported, String pkg, String module) throws IOException {
        String probe = "package com.example.user;\n\nimport " + imported + ";\n\nfinal class Probe {\n}\n";

        Compilation result = compile(probe);

        assertThat(result.exitCode()).as("javac exit code; output:%n%s", result.output()).isNotZero();
        assertThat(result.output()).contains(
                "package " + pkg + " is declared in module " + module + ", which does not export it");
    }

    private Compilation compile(String probe) throws IOException {
        Path sources = dir.resolve("src");
        Path moduleInfo = write(sources.resolve("module-info.java"), USER_MODULE);
        Path probeFile = write(sources.resolve("com/example/user/Probe.java"), probe);
        ToolProvider javac = ToolProvider.findFirst("javac")
                .orElseThrow(() -> new IllegalStateException("The tests need a JDK: no javac in " + System.getProperty("java.home")));
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        // An empty class path: javac in this JVM would otherwise default to the tests' class path,
        // where the chatstore jars sit in the unnamed module and everything in them is visible.
        Path emptyClassPath = Files.createDirectories(dir.resolve("empty"));
        int exitCode = javac.run(writer, writer, "--module-path", ExampleModulePath.get(),
                "--class-path", emptyClassPath.toString(),
                "-d", dir.resolve("classes").toString(), moduleInfo.toString(), probeFile.toString());
        return new Compilation(exitCode, output.toString());
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private record Compilation(int exitCode, String output) {
    }
}
