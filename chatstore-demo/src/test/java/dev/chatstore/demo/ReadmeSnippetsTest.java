package dev.chatstore.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.chatstore.demo.ReadmeSnippetContexts.SnippetContext;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the README true: every {@code ```java} block of README.md is compiled against the test
 * class path and run against the real library.
 *
 * <p>A snippet is a fragment. If it is a class (or starts with imports), it is compiled as a
 * source file of its own and run as a JUnit test class ({@link SnippetLauncher}). Otherwise its
 * statements become the body of a generated {@code main}, after the setup and before the after-code
 * of its context ({@link ReadmeSnippetContexts}), which declares what the snippet uses but does not
 * declare. Both get the imports a reader would expect ({@link #IMPORTS}). Each snippet runs in a
 * JVM of its own, in an empty working directory under {@code target/readme-snippets/line-<n>},
 * where the generated sources, classes and the snippet's output stay for inspection.
 *
 * <p>A snippet fails with its README line, the compiler's diagnostics (on README lines), or the
 * exception it threw (its stack trace on README lines). A snippet that uses a variable nothing
 * declares fails naming the variable; a context that matches no snippet, or more than one, fails.
 */
class ReadmeSnippetsTest {
    /** What every snippet is compiled with. */
    static final List<String> IMPORTS = List.of(
            "dev.chatstore.*",
            "dev.chatstore.sqlite.*",
            "dev.chatstore.postgres.*",
            "dev.chatstore.testkit.*",
            "com.zaxxer.hikari.*",
            "java.io.*",
            "java.nio.file.*",
            "java.time.*",
            "java.util.*",
            "org.junit.jupiter.api.*",
            "static org.assertj.core.api.Assertions.*");

    private static final String PACKAGE = "readme";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final int OUTPUT_LINES_SHOWN = 120;

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})(.*)$");
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|enum|record)\\s+([A-Za-z_$][A-Za-z0-9_$]*)\\b.*");
    private static final Pattern MISSING_SYMBOL = Pattern.compile("symbol:\\s+(?:variable|class)\\s+([A-Za-z_$][A-Za-z0-9_$]*)");

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompilesAndRuns() {
        Path readme = readme();
        List<Snippet> snippets = javaSnippets(readLines(readme));
        assertThat(snippets).as("```java blocks in %s", readme).isNotEmpty();
        return snippets.stream().map(snippet -> dynamicTest(snippet.displayName(),
                URI.create(readme.toUri() + "?line=" + snippet.line()),
                () -> compileAndRun(snippet, readme.getParent())));
    }

    @Test
    void everyContextMatchesExactlyOneSnippet() {
        List<Snippet> snippets = javaSnippets(readLines(readme()));
        List<String> problems = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (SnippetContext context : ReadmeSnippetContexts.ALL) {
            if (!keys.add(context.key())) {
                problems.add("two contexts have the key \"" + context.key() + "\"");
            }
            List<Snippet> matched = snippets.stream().filter(s -> s.text().contains(context.key())).toList();
            if (matched.isEmpty()) {
                problems.add("the context keyed \"" + context.key() + "\" matches no Java snippet of README.md:"
                        + " remove it, or give it a key from the snippet it was meant for");
            } else if (matched.size() > 1) {
                problems.add("the context keyed \"" + context.key() + "\" matches the snippets at README.md lines "
                        + matched.stream().map(s -> Integer.toString(s.line())).collect(Collectors.joining(", "))
                        + ": give it a key that occurs in one only");
            }
        }
        if (!problems.isEmpty()) {
            fail("Stale or ambiguous contexts in ReadmeSnippetContexts:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void findsFencedJavaBlocksOnly() {
        List<String> markdown = List.of(
                "# Title",                  // 1
                "```sh",                    // 2
                "mvn verify",               // 3
                "```",                      // 4
                "```java",                  // 5
                "int a = 1;",               // 6
                "```",                      // 7
                "- a list item:",           // 8
                "  ~~~~ Java title",        // 9
                "  int b = 2;",             // 10
                "    int c = 3;",           // 11
                "  ~~~~",                   // 12
                "```javascript",            // 13
                "let d = 4;",               // 14
                "```",                      // 15
                "````java",                 // 16
                "String s = \"\"\"",        // 17
                "```",                      // 18
                "\"\"\";",                  // 19
                "````");                    // 20
        List<Snippet> snippets = javaSnippets(markdown);
        assertThat(snippets).extracting(Snippet::line).containsExactly(6, 10, 17);
        assertThat(snippets.get(1).lines()).containsExactly("int b = 2;", "  int c = 3;");
        assertThat(snippets.get(2).lines()).containsExactly("String s = \"\"\"", "```", "\"\"\";");
        assertThatThrownBy(() -> javaSnippets(List.of("text", "```java", "int a = 1;")))
                .hasMessageContaining("line 2").hasMessageContaining("never closed");
    }

    @Test
    void tellsClassSnippetsFromStatementSnippets() {
        assertThat(new Snippet(1, List.of("// a test", "@Tag(\"x\")", "class FooTest {", "}")).typeName()).contains("FooTest");
        assertThat(new Snippet(1, List.of("import java.util.List;", "", "public final class Foo {}")).typeName()).contains("Foo");
        assertThat(new Snippet(1, List.of("import java.util.List;", "List<String> l = List.of();")).isCompilationUnit()).isTrue();
        assertThat(new Snippet(1, List.of("Conversation c = chats.conversations().create(x);")).isCompilationUnit()).isFalse();
        assertThat(new Snippet(1, List.of("classes.add(1);")).isCompilationUnit()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------

    /** A {@code ```java} block: its lines, the first at README line {@code line}. */
    record Snippet(int line, List<String> lines) {
        Snippet {
            lines = List.copyOf(lines);
        }

        String text() {
            return String.join("\n", lines);
        }

        int lastLine() {
            return line + lines.size() - 1;
        }

        /** The first line that is code (not blank, a comment or an annotation), trimmed. */
        String firstCodeLine() {
            boolean inComment = false;
            for (String raw : lines) {
                String l = raw.trim();
                if (inComment) {
                    inComment = !l.contains("*/");
                    continue;
                }
                if (l.startsWith("/*")) {
                    inComment = !l.contains("*/");
                    continue;
                }
                if (l.isEmpty() || l.startsWith("//") || l.startsWith("@")) {
                    continue;
                }
                return l;
            }
            return "";
        }

        /** A class (or other type) or a file starting with imports, rather than statements. */
        boolean isCompilationUnit() {
            String first = firstCodeLine();
            return first.startsWith("import ") || TYPE_DECLARATION.matcher(first).matches();
        }

        /** The name of the first type the snippet declares at its top level, if it is a compilation unit. */
        Optional<String> typeName() {
            for (String raw : lines) {
                Matcher m = TYPE_DECLARATION.matcher(raw.trim());
                if (m.matches()) {
                    return Optional.of(m.group(1));
                }
            }
            return Optional.empty();
        }

        String displayName() {
            String first = lines.stream().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("(empty)");
            return "README.md line " + line + ": " + (first.length() > 70 ? first.substring(0, 69) + "…" : first);
        }
    }

    /** The {@code ```java} (or {@code ~~~java}) blocks of a Markdown text, in order. */
    static List<Snippet> javaSnippets(List<String> markdown) {
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < markdown.size(); i++) {
            Matcher open = FENCE.matcher(markdown.get(i));
            if (!open.matches()) {
                continue;
            }
            int indent = open.group(1).length();
            String fence = open.group(2);
            String info = open.group(3).trim();
            if (fence.charAt(0) == '`' && info.contains("`")) {
                continue;                                     // inline code, not a fence
            }
            int end = i + 1;
            while (end < markdown.size() && !closes(markdown.get(end), fence)) {
                end++;
            }
            if (end == markdown.size()) {
                throw new AssertionError("README.md line " + (i + 1) + ": the code fence " + fence + " is never closed");
            }
            String language = info.isEmpty() ? "" : info.split("\\s+", 2)[0];
            if (language.equalsIgnoreCase("java")) {
                List<String> code = new ArrayList<>();
                for (String l : markdown.subList(i + 1, end)) {
                    int strip = 0;
                    while (strip < indent && strip < l.length() && l.charAt(strip) == ' ') {
                        strip++;
                    }
                    code.add(l.substring(strip));
                }
                snippets.add(new Snippet(i + 2, code));
            }
            i = end;
        }
        return snippets;
    }

    private static boolean closes(String line, String fence) {
        String t = line.trim();
        return t.length() >= fence.length() && t.chars().allMatch(ch -> ch == fence.charAt(0));
    }

    // ---------------------------------------------------------------------------------------------

    /** A region of a generated source: where it starts there, and where it starts in README.md (0: not from it). */
    private record Region(String name, int firstLine, int lineCount, int readmeLine) {
        boolean contains(long generatedLine) {
            return generatedLine >= firstLine && generatedLine < firstLine + lineCount;
        }

        String locate(long generatedLine, String fileName) {
            return readmeLine > 0
                    ? "README.md:" + (readmeLine + generatedLine - firstLine)
                    : name + " (" + fileName + ":" + generatedLine + ")";
        }
    }

    /** The sources generated for one snippet. */
    private static final class Generated {
        final Map<String, String> sources = new LinkedHashMap<>();   // file name → text
        final List<Region> regions = new ArrayList<>();              // of the snippet's file
        String snippetFile;
        List<String> command;                                         // class and arguments to run

        String locate(String fileName, long line) {
            if (fileName.equals(snippetFile)) {
                for (Region r : regions) {
                    if (r.contains(line)) {
                        return r.locate(line, fileName);
                    }
                }
            }
            return fileName + ":" + line;
        }
    }

    private static Generated generate(Snippet snippet, SnippetContext context) {
        Generated g = new Generated();
        List<String> out = new ArrayList<>();
        out.add("package " + PACKAGE + ";");
        out.add("");
        IMPORTS.forEach(i -> out.add("import " + i + ";"));
        if (context != null) {
            context.imports().forEach(i -> out.add("import " + i + ";"));
        }
        out.add("");
        if (snippet.isCompilationUnit()) {
            if (context != null && context.hasStatements()) {
                fail(snippet.displayName() + " is a class, but its context (\"" + context.key()
                        + "\") has setup or after statements; a class snippet's context can only add stand-in types");
            }
            String type = snippet.typeName().orElseThrow(() -> new AssertionError(snippet.displayName()
                    + " starts with imports but declares no class: the test can only run a snippet that is"
                    + " statements or a JUnit test class"));
            g.snippetFile = type + ".java";
            g.regions.add(new Region("snippet", out.size() + 1, snippet.lines().size(), snippet.line()));
            out.addAll(snippet.lines());
            g.command = List.of(SnippetLauncher.class.getName(), PACKAGE + "." + type);
        } else {
            String type = "ReadmeLine" + snippet.line();
            g.snippetFile = type + ".java";
            out.add("/** Generated by ReadmeSnippetsTest from the Java snippet at README.md line " + snippet.line() + ". */");
            out.add("public final class " + type + " {");
            out.add("    public static void main(String[] args) {");
            out.add("        try {");
            out.add("            run();");
            out.add("        } catch (Throwable t) {");
            out.add("            t.printStackTrace();");
            out.add("            System.exit(1);");
            out.add("        }");
            out.add("        System.exit(0);");
            out.add("    }");
            out.add("");
            out.add("    private static void run() throws Exception {");
            if (context != null) {
                String key = context.key().replaceAll("\\s+", " ").replace("\\", "\\\\");   // one comment line, no unicode escapes
                out.add("// context setup (ReadmeSnippetContexts, key \"" + key + "\")");
                addRegion(g, out, "the context's setup", context.setup().lines().toList(), 0);
            }
            out.add("// the snippet, README.md lines " + snippet.line() + "-" + snippet.lastLine());
            addRegion(g, out, "the snippet", snippet.lines(), snippet.line());
            if (context != null) {
                out.add("// context after-code");
                addRegion(g, out, "the context's after-code", context.after().lines().toList(), 0);
            }
            out.add("    }");
            out.add("}");
            g.command = List.of(PACKAGE + "." + type);
        }
        g.sources.put(g.snippetFile, String.join("\n", out) + "\n");
        if (context != null) {
            context.standIns().forEach((type, source) -> g.sources.put(type + ".java",
                    "package " + PACKAGE + ";\n\n"
                            + IMPORTS.stream().map(i -> "import " + i + ";\n").collect(Collectors.joining())
                            + "\n" + source));
        }
        return g;
    }

    private static void addRegion(Generated g, List<String> out, String name, List<String> lines, int readmeLine) {
        g.regions.add(new Region(name, out.size() + 1, lines.size(), readmeLine));
        out.addAll(lines);
    }

    // ---------------------------------------------------------------------------------------------

    private static void compileAndRun(Snippet snippet, Path projectRoot) throws IOException, InterruptedException {
        List<SnippetContext> contexts = ReadmeSnippetContexts.ALL.stream()
                .filter(c -> snippet.text().contains(c.key())).toList();
        if (contexts.size() > 1) {
            fail(snippet.displayName() + " matches more than one context in ReadmeSnippetContexts: "
                    + contexts.stream().map(c -> "\"" + c.key() + "\"").collect(Collectors.joining(", ")));
        }
        SnippetContext context = contexts.isEmpty() ? null : contexts.get(0);
        Generated generated = generate(snippet, context);

        Path dir = projectRoot.resolve("chatstore-demo").resolve("target").resolve("readme-snippets")
                .resolve("line-" + snippet.line());
        deleteRecursively(dir);
        Path src = Files.createDirectories(dir.resolve("src").resolve(PACKAGE));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path work = Files.createDirectories(dir.resolve("work"));
        List<Path> sourceFiles = new ArrayList<>();
        for (Map.Entry<String, String> source : generated.sources.entrySet()) {
            sourceFiles.add(Files.writeString(src.resolve(source.getKey()), source.getValue(), UTF_8));
        }

        String classPath = System.getProperty("java.class.path");
        compile(snippet, context, generated, sourceFiles, classes, classPath, src.resolve(generated.snippetFile));
        run(snippet, generated, dir, work, classes + File.pathSeparator + classPath);
    }

    private static void compile(Snippet snippet, SnippetContext context, Generated generated, List<Path> sources,
                                Path classes, String classPath, Path snippetSource) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("the JDK's Java compiler (javax.tools); the tests need a JDK, not a JRE").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter compilerOutput = new StringWriter();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
            List<String> options = List.of("--release", "17", "-g", "-proc:none", "-encoding", "UTF-8",
                    "-classpath", classPath, "-d", classes.toString());
            compiled = javac.getTask(compilerOutput, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
        }
        if (compiled) {
            return;
        }
        StringBuilder report = new StringBuilder(snippet.displayName()).append(" (README.md lines ")
                .append(snippet.line()).append('-').append(snippet.lastLine()).append(") does not compile.\n");
        Set<String> missing = new LinkedHashSet<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String file = d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName().toString();
            String message = d.getMessage(Locale.ROOT);
            report.append('\n').append(generated.locate(file, d.getLineNumber())).append(": error: ")
                    .append(message.replace("\n", "\n    ")).append('\n');
            String code = sourceLine(d);
            if (code != null) {
                report.append("    > ").append(code.strip()).append('\n');
            }
            Matcher m = MISSING_SYMBOL.matcher(message);
            if (m.find() && file.equals(generated.snippetFile) && generated.regions.stream()
                    .anyMatch(r -> r.readmeLine() > 0 && r.contains(d.getLineNumber()))) {
                missing.add(m.group(1));
            }
        }
        if (!compilerOutput.toString().isBlank()) {
            report.append('\n').append(compilerOutput);
        }
        if (!missing.isEmpty()) {
            String names = missing.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
            report.insert(0, (context == null
                    ? snippet.displayName() + " uses " + names + ", which it does not declare, and ReadmeSnippetContexts"
                            + " has no context for it. Declare it in the README snippet, or say there in a comment what"
                            + " it is and add a context that declares it, keyed by a distinctive piece of the snippet.\n\n"
                    : snippet.displayName() + " uses " + names + ", which neither it nor its context (key \""
                            + context.key() + "\") declares: add it to that context in ReadmeSnippetContexts.\n\n"));
        }
        report.append("\nGenerated source: ").append(snippetSource);
        fail(report.toString());
    }

    private static String sourceLine(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || d.getLineNumber() < 1) {
            return null;
        }
        try {
            List<String> lines = d.getSource().getCharContent(true).toString().lines().toList();
            return d.getLineNumber() <= lines.size() ? lines.get((int) d.getLineNumber() - 1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void run(Snippet snippet, Generated generated, Path dir, Path work, String classPath)
            throws IOException, InterruptedException {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-XX:+UseSerialGC"));
        command.addAll(generated.command);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("CLASSPATH", classPath);
        long started = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        String out = Files.readString(stdout, UTF_8);
        String err = Files.readString(stderr, UTF_8);
        if (!finished || process.exitValue() != 0) {
            fail(snippet.displayName() + " (README.md lines " + snippet.line() + "-" + snippet.lastLine() + ") "
                    + (finished ? "compiled but failed when run (exit code " + process.exitValue() + ")"
                            : "did not finish within " + RUN_TIMEOUT.toMinutes() + " minutes")
                    + ".\n\n--- its stderr ---\n" + tail(onReadmeLines(err, generated))
                    + "\n--- its stdout ---\n" + tail(onReadmeLines(out, generated))
                    + "\nGenerated source: " + dir.resolve("src").resolve(PACKAGE).resolve(generated.snippetFile)
                    + "\nRun in: " + work);
        }
        System.out.printf("%s: compiled and ran in %.1f s%n%s", snippet.displayName(),
                (System.nanoTime() - started) / 1e9, out.isBlank() ? "" : out.indent(4));
    }

    /** Stack trace lines of the generated snippet file, pointed at README lines. */
    private static String onReadmeLines(String output, Generated generated) {
        Pattern frame = Pattern.compile("\\(" + Pattern.quote(generated.snippetFile) + ":(\\d+)\\)");
        return frame.matcher(output).replaceAll(m -> Matcher.quoteReplacement(
                "(" + generated.locate(generated.snippetFile, Long.parseLong(m.group(1))) + ")"));
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        if (lines.size() <= OUTPUT_LINES_SHOWN) {
            return text;
        }
        return "(" + (lines.size() - OUTPUT_LINES_SHOWN) + " lines left out)\n"
                + String.join("\n", lines.subList(lines.size() - OUTPUT_LINES_SHOWN, lines.size())) + "\n";
    }

    // ---------------------------------------------------------------------------------------------

    /** README.md of the project: in the working directory or the nearest parent that has it (surefire runs in the module). */
    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("chatstore-demo"))) {
                return candidate;
            }
        }
        throw new AssertionError("No README.md next to chatstore-demo in " + Path.of("").toAbsolutePath()
                + " or a parent directory");
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
