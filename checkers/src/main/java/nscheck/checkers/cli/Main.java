package nscheck.checkers.cli;

import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.ModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * The nscheck command line. Errors a user can cause end in one line on stderr and exit 2; a
 * stack trace only with --debug. The exit codes are in {@link ExitCode} and docs/cli.md.
 */
@Command(name = "nscheck", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Model checker for Linux process-identity semantics (PID namespaces and the IDs that cross them).",
        subcommands = {ListCommand.class, CheckCommand.class, ReplayCommand.class, MinimizeCommand.class, SimulateCommand.class,
                BenchCommand.class, CompareCommand.class, MemberCommand.class, ConformCommand.class, GoldenCommand.class, ReportCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Every subcommand takes -h/--help, -V/--version, --json and --debug; see docs/cli.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok, every property holds", "1:a property is violated (or a replay or conform expectation is not met)",
                "2:usage or input error (one line on stderr)", "3:internal error", "130:interrupted (SIGINT, Ctrl-C), after the partial report",
                "143:terminated (SIGTERM), after the partial report"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (list, check, replay, minimize, simulate, compare, bench, conform, golden, report)");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(commandLine(out, err, Arrays.asList(args).contains("--debug")), args);
    }

    /** The command tree with nscheck's error handling: one line and exit 2 for a user's mistake, 3 for a bug. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean debug) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("nscheck: " + oneLine(ex.getMessage()) + hint(ex));
            if (debug) ex.printStackTrace(err);
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (isUserError(ex)) {
                err.println("nscheck: " + oneLine(ex.getMessage()));
                if (debug) ex.printStackTrace(err);
                return ExitCode.USAGE;
            }
            if (ex.getCause() instanceof OutOfMemoryError) {
                err.println("nscheck: out of memory (heap " + MemoryEstimate.size(Runtime.getRuntime().maxMemory())
                        + "); lower a bound (--set) or raise the heap (JAVA_OPTS=-Xmx...)");
                if (debug) ex.printStackTrace(err);
                return ExitCode.USAGE;
            }
            err.println("nscheck: internal error: " + oneLine(String.valueOf(ex)) + (debug ? "" : " (rerun with --debug for the stack trace)"));
            if (debug) ex.printStackTrace(err);
            return ExitCode.INTERNAL;
        });
        return cl;
    }

    static int execute(CommandLine cl, String[] args) {
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            cl.getErr().println("nscheck: out of memory; lower a bound (--set) or raise the heap (JAVA_OPTS=-Xmx...)");
            code = ExitCode.USAGE;
        }
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof ModelException || ex instanceof CounterexampleFile.BadFile || ex instanceof UsageError
                || ex instanceof nscheck.checkers.engine.CheckpointUnreadable;
    }

    private static String hint(CommandLine.ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName(" ");
        return " (" + name + " --help)";
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
