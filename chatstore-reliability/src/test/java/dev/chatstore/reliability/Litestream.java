package dev.chatstore.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Litestream executable that {@link LitestreamReplicationTest} runs, found in this order: the
 * system property {@code chatstore.litestream}, the environment variable {@code CHATSTORE_LITESTREAM},
 * where {@code scripts/litestream.sh} puts it ({@code ${CHATSTORE_CACHE:-~/.cache/chatstore}/litestream/v0.3.13/litestream}),
 * {@code litestream} on the PATH. Not finding it, or finding another major version, fails the test
 * with a message that says how to get it.
 */
final class Litestream {
    /** The version scripts/litestream.sh fetches; the test's configuration is written for v0.3. */
    static final String PINNED = "v0.3.13";
    private static final String HOW_TO_GET_IT = "Fetch it once with scripts/litestream.sh (Linux x86-64; it downloads "
            + PINNED + " from the npm registry into ~/.cache/chatstore, where this test finds it: "
            + "`scripts/litestream.sh && mvn -B verify`, as .ci/run does), or set CHATSTORE_LITESTREAM "
            + "(or -Dchatstore.litestream) to a Litestream v0.3.x executable.";

    private final Path executable;
    private final String version;

    private Litestream(Path executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    static Litestream locate() throws IOException, InterruptedException {
        List<String> looked = new ArrayList<>();
        Path found = null;
        String property = System.getProperty("chatstore.litestream");
        String env = System.getenv("CHATSTORE_LITESTREAM");
        if (property != null && !property.isBlank()) {
            found = required(Path.of(property), "-Dchatstore.litestream");
        } else if (env != null && !env.isBlank()) {
            found = required(Path.of(env), "CHATSTORE_LITESTREAM");
        } else {
            String cacheRoot = System.getenv("CHATSTORE_CACHE");
            Path cache = (cacheRoot == null || cacheRoot.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".cache", "chatstore") : Path.of(cacheRoot))
                    .resolve("litestream").resolve(PINNED).resolve("litestream");
            looked.add(cache.toString());
            if (Files.isExecutable(cache)) {
                found = cache;
            } else {
                for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                    if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "litestream"))) {
                        found = Path.of(dir, "litestream");
                        break;
                    }
                }
                looked.add("litestream on the PATH");
            }
        }
        if (found == null) {
            throw new AssertionError("LitestreamReplicationTest runs the real Litestream binary and did not find it (looked at "
                    + String.join(", ", looked) + "). " + HOW_TO_GET_IT);
        }
        Litestream litestream = new Litestream(found, run(found, "version"));
        if (!litestream.version.startsWith("v0.3.")) {
            throw new AssertionError(found + " is Litestream " + litestream.version + "; this test's configuration is"
                    + " written for v0.3.x (v0.5 changed the replica format and the configuration). " + HOW_TO_GET_IT);
        }
        return litestream;
    }

    private static Path required(Path path, String source) {
        if (!Files.isExecutable(path)) {
            throw new AssertionError(source + " names " + path + ", which is not an executable file. " + HOW_TO_GET_IT);
        }
        return path;
    }

    Path executable() {
        return executable;
    }

    String version() {
        return version;
    }

    /** Starts {@code litestream replicate -config config}, its output going to {@code log}. */
    Process replicate(Path config, Path log) throws IOException {
        return new ProcessBuilder(executable.toString(), "replicate", "-config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Runs {@code litestream restore args…}; fails with its output unless it exits 0 within a minute. */
    String restore(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "restore"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(Path executable, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Output is small (a version, a few log lines): read to the end, then wait.
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60 s; its output:\n" + output);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + "; its output:\n" + output);
        }
        return output;
    }
}
