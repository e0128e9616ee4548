package dev.chatstore.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code chatstore} command: what an operator does with a store named by its JDBC URL. Parses the arguments,
 * runs one subcommand (one class each) and ends with an exit code of {@link Exit}; a failure prints one line on
 * stderr, never a stack trace (unless {@code --verbose}). Not thread-safe: one instance per run.
 *
 * <pre>
 * java -jar chatstore.jar info jdbc:sqlite:chat.db
 * java -jar chatstore.jar copy jdbc:sqlite:chat.db jdbc:postgresql://db/chat --json
 * </pre>
 */
@Command(name = "chatstore",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Operates a chatstore store named by its JDBC URL:"
                + " jdbc:sqlite:<file> or jdbc:postgresql://<host>[:<port>]/<database>.",
        footerHeading = "%nEnvironment:%n",
        footer = {"  CHATSTORE_DB_USER, CHATSTORE_DB_PASSWORD",
                "      PostgreSQL sign-in, unless --db-user and --db-password are given",
                "  CHATSTORE_TARGET_DB_USER, CHATSTORE_TARGET_DB_PASSWORD",
                "      the same for the target of copy (default: as for the source)",
                "",
                "Run 'chatstore <command> --help' for a command's arguments."},
        subcommands = {
                MigrateCommand.class,
                InfoCommand.class,
                ValidateCommand.class,
                CheckCommand.class,
                HealthCommand.class,
                StatsCommand.class,
                VacuumCommand.class,
                PurgeCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
                ExportCommand.class,
                ImportCommand.class,
                CopyCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class ChatstoreCommand implements Callable<Integer> {
    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the result as one JSON object on stdout (errors too).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Show no progress.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log what the library does (to stderr), and print a failure's stack trace.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier nanoTime;

    /** For {@link #main}: the process's streams; progress redrawn in place when there is a console. */
    public ChatstoreCommand() {
        this(System.out, System.err, System.console() != null, System::nanoTime);
    }

    /**
     * @param out      where results go
     * @param err      where errors, warnings and progress go
     * @param terminal whether {@code err} is a terminal (progress redrawn in place) or not (plain lines)
     * @param nanoTime the clock of the progress display
     */
    ChatstoreCommand(PrintStream out, PrintStream err, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    public static void main(String[] args) {
        System.exit(new ChatstoreCommand().execute(args));
    }

    /**
     * Runs the command with {@code args}, printing to {@code out} and {@code err} (progress as plain lines).
     *
     * @return the exit code (see {@link Exit})
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new ChatstoreCommand(out, err, false, System::nanoTime).execute(args);
    }

    /** Parses {@code args}, runs the subcommand they name and returns its exit code. */
    public int execute(String... args) {
        CommandLine commandLine;
        try {
            commandLine = commandLine();
        } catch (CommandLine.InitializationException e) {
            output().error(Exit.FAILED, "internal error: " + e.getMessage());
            return Exit.FAILED;
        }
        return commandLine.execute(args);
    }

    /** The picocli command line, with this command's streams, exit codes and error handling. */
    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        commandLine.registerConverter(StoreUrl.class, new StoreUrl.Converter());
        commandLine.registerConverter(java.time.Duration.class, new DurationConverter());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((failure, cmd, parseResult) -> {
            int code = Exit.codeOf(failure);
            output().error(code, message(failure));
            if (verbose) {
                failure.printStackTrace(err);
            }
            return code;
        });
        commandLine.setParameterExceptionHandler(this::usageError);
        withExitCodes(commandLine);
        return commandLine;
    }

    /** A usage error: the problem, the command's synopsis and where to read more; never the whole help. */
    private int usageError(CommandLine.ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter writer = command.getErr();
        writer.println("chatstore: " + failure.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(failure, writer);
        CommandLine.Help help = command.getHelp();
        writer.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        writer.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
        writer.flush();
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("ok", false);
            error.put("exitCode", Exit.USAGE);
            error.put("error", failure.getMessage());
            out.println(Output.toJson(error));
            out.flush();
        }
        return Exit.USAGE;
    }

    private static void withExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(Exit.descriptions());
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                withExitCodes(sub);
            }
        }
    }

    /** Without a subcommand: the usage, and a usage error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    Output output() {
        return new Output(out, err, json);
    }

    /** A progress display for long work, or none with {@code --quiet}. */
    Progress progress(String label, String unit) {
        return quiet ? Progress.NONE : new Progress(err, terminal, nanoTime, label, unit);
    }

    boolean verbose() {
        return verbose;
    }

    PrintStream out() {
        return out;
    }

    /** A failure in one line: its message, else its kind. */
    static String message(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof CliException || failure instanceof dev.chatstore.ChatStoreException
                || failure instanceof UnsupportedOperationException) {
            return message == null ? failure.getClass().getSimpleName() : oneLine(message);
        }
        if (failure instanceof java.io.UncheckedIOException io && io.getCause() != null) {
            return "I/O error: " + oneLine(String.valueOf(io.getCause().getMessage()));
        }
        return "unexpected " + failure.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message))
                + " (run with --verbose for details)";
    }

    private static String oneLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
