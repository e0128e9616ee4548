package dev.chatstore.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link ModularExample}, whose module-info holds nothing but {@code requires dev.chatstore.sqlite;},
 * in a child JVM on the module path alone. That it compiled proves the compile side; this proves
 * the run: sqlite-jdbc's native library, Jdbi, Jackson, SLF4J without a binding and the migration
 * and SQL resources all work as modules.
 *
 * <p>When it fails, stderr (in the assertion message) says why: a {@code NoClassDefFoundError}
 * means a module the code needs was not resolved (a missing {@code requires}); a missing resource
 * means a resource package is not opened; an {@code InaccessibleObjectException} means a library
 * reflects into a package that is not opened to it.
 */
class ModularExampleTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String MAIN = "dev.chatstore.example/dev.chatstore.example.ModularExample";

    @TempDir
    Path dir;

    @Test
    void exampleRequiringOnlyTheSqliteModuleRunsOnTheModulePath() throws IOException, InterruptedException {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Path data = Files.createDirectory(dir.resolve("data"));
        ProcessBuilder builder = new ProcessBuilder(java(), "--module-path", ExampleModulePath.get(),
                "--module", MAIN, data.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // The launcher would put CLASSPATH's entries on the class path; this run must have none.
        builder.environment().remove("CLASSPATH");

        Process process = builder.start();
        boolean exited = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String out = Files.readString(stdout);
        String report = String.format("%nstdout:%n%s%nstderr:%n%s", out, Files.readString(stderr));

        assertThat(exited).as("the example ends within %s%s", TIMEOUT, report).isTrue();
        assertThat(process.exitValue()).as("the example's exit code%s", report).isZero();
        String chat = "pages [Does it run on the module path? | Yes.] [Thanks], replayed true, reply metadata plain";
        assertThat(out.lines()).as("the example's output%s", report).satisfiesExactly(
                line -> assertThat(line).as("both classes are in named modules")
                        .isEqualTo("modules: dev.chatstore.example uses dev.chatstore.sqlite"),
                line -> assertThat(line).isEqualTo("open: " + chat),
                line -> assertThat(line).as("migrated to the latest schema on open")
                        .matches("open: schema (\\d+) of \\1, backend sqlite 3\\.\\d+\\.\\d+"),
                line -> assertThat(line).isEqualTo("builder: " + chat),
                line -> assertThat(line).as("the builder's clock, an option inherited from the API module")
                        .isEqualTo("builder: created " + ModularExample.FIXED_TIME));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
