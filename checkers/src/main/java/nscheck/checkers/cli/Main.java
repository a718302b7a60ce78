package nscheck.checkers.cli;

import nscheck.checkers.cex.CounterexampleFile;
import nscheck.model.ModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The nscheck command line. Errors a user can cause end in one line on stderr and exit 2. */
@Command(name = "nscheck", mixinStandardHelpOptions = true, version = "nscheck 0.1.0",
        description = "Model checker for Linux process-identity semantics (PID namespaces and the IDs that cross them).",
        subcommands = {ListCommand.class, CheckCommand.class, ReplayCommand.class, MinimizeCommand.class, SimulateCommand.class,
                BenchCommand.class, CompareCommand.class, ConformCommand.class, GoldenCommand.class, ReportCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok, every property holds", "1:a property is violated", "2:usage or input error", "3:internal error"})
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
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("nscheck: " + ex.getMessage());
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ModelException || ex instanceof CounterexampleFile.BadFile || ex instanceof UsageError) {
                err.println("nscheck: " + ex.getMessage());
                return ExitCode.USAGE;
            }
            err.println("nscheck: internal error: " + ex);
            ex.printStackTrace(err);
            return ExitCode.INTERNAL;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A mistake in how a command was called that picocli cannot see (e.g. a malformed --set). */
    public static final class UsageError extends RuntimeException {
        public UsageError(String message) {
            super(message);
        }
    }
}
