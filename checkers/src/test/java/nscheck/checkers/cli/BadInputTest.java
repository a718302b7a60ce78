package nscheck.checkers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static nscheck.checkers.cli.CliTest.nscheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad inputs of issue 15, each with its exit code and first line. Every one is refused before
 * any search starts, in one line on stderr, without a stack trace, and nothing is written to stdout.
 */
class BadInputTest {
    static final Path MODEL = Path.of("..", "model", "models", "pidns-alloc.json");
    static final Path ZAP = CounterexampleCommandsTest.ZAP;

    @TempDir
    Path tmp;

    record Case(String expectedStart, String... args) {}

    private Path modelFile(String name, String from, String to) throws IOException {
        String text = Files.readString(MODEL);
        assertTrue(text.contains(from), from);
        return Files.writeString(tmp.resolve(name), text.replace(from, to));
    }

    private List<Case> cases() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Path dir = Files.createDirectories(tmp.resolve("a-dir"));
        Path out = tmp.resolve("out");
        String hugePid = Files.writeString(tmp.resolve("huge-pid-max.json"), Files.readString(ZAP).replace("\"pid_max\" : 4", "\"pid_max\" : 2000000000")).toString();
        String o = out.toString(), zap = ZAP.toString();
        List<Case> c = new ArrayList<>();
        c.add(new Case("nscheck: model file /dev/zero is not a regular file", "check", "/dev/zero"));
        c.add(new Case("nscheck: /dev/zero: not a regular file", "replay", "/dev/zero"));
        c.add(new Case("nscheck: bounds too large: pidns-basic needs at least", "check", "pidns-basic", "--set", "pid_max=2000000000", "--out", o));
        c.add(new Case("nscheck: bounds too large: pidns-basic needs at least", "check", "pidns-basic", "--set", "tasks=100000", "--out", o));
        c.add(new Case("nscheck: bounds too large: pidns-basic needs at least", "simulate", "pidns-basic", "--set", "pid_max=2000000000", "--out", o));
        c.add(new Case("nscheck: " + hugePid + ": bounds too large: pidns-basic needs at least", "replay", hugePid));
        c.add(new Case("nscheck: bounds too large: pidns-basic needs at least", "minimize", hugePid, "--out", o));
        for (String sub : new String[] {"check", "simulate"}) {
            c.add(new Case("nscheck: --out /proc/x is not a writable directory", sub, "pidns-basic", "--out", "/proc/x"));
            c.add(new Case("nscheck: --out " + file + " is a file; it needs a directory", sub, "pidns-basic", "--out", file.toString()));
        }
        c.add(new Case("nscheck: --out /proc/x is not a writable directory", "compare", "--models", "pidns-alloc", "--out", "/proc/x"));
        c.add(new Case("nscheck: --out " + file + " is a file", "compare", "--models", "pidns-alloc", "--out", file.toString()));
        c.add(new Case("nscheck: --out /proc/x is not a writable directory", "replay", zap, "--rerecord-under", "mainline", "--out", "/proc/x"));
        c.add(new Case("nscheck: --out " + file + " is a file", "minimize", zap, "--out", file.toString()));
        c.add(new Case("nscheck: --out /proc/x is not a writable directory", "minimize", zap, "--out", "/proc/x"));
        c.add(new Case("nscheck: -o " + dir + " is a directory; it needs a file name", "minimize", zap, "-o", dir.toString()));
        c.add(new Case("nscheck: --set frob: no model compared has that bound", "compare", "--models", "pidns-alloc", "--set", "frob=3", "--out", o));
        c.add(new Case("nscheck: --set tasks needs a whole number, not '4.5'", "check", "pidns-basic", "--set", "tasks=4.5", "--out", o));
        c.add(new Case("nscheck: --set tasks must be 0 or more, not -1", "check", "pidns-basic", "--set", "tasks=-1", "--out", o));
        c.add(new Case("nscheck: bound pid_max must be within 6..12", "check", "restore-migration", "--set", "pid_max=5", "--out", o));
        c.add(new Case("nscheck: bad model file " + tmp.resolve("half.json") + ": ", "check",
                modelFile("half.json", "\"pid_max\": 5", "\"pid_max\": 4.5").toString(), "--out", o));
        c.add(new Case("nscheck: bad model file " + tmp.resolve("exit.json") + ": init_calls may not contain exit", "check",
                modelFile("exit.json", "\"init_calls\": [\"wait\"]", "\"init_calls\": [\"exit\"]").toString(), "--out", o));
        c.add(new Case("nscheck: --progress must be 0 (none) or more seconds, not -5", "check", "pidns-basic", "--progress", "-5"));
        c.add(new Case("nscheck: --progress must be 0 (none) or more seconds, not -5", "compare", "--progress", "-5"));
        c.add(new Case("nscheck: --frontier-memory must be 0 or more MiB, not -1", "check", "futex-mutex-once", "--frontier-memory", "-1", "--out", o));
        c.add(new Case("nscheck: --frontier-memory must be 0 or more MiB, not -1", "bench", "--frontier-memory", "-1"));
        c.add(new Case("nscheck: --budget must be at least 1, not -5", "minimize", zap, "--budget", "-5", "--out", o));
        c.add(new Case("nscheck: --walks must be 1..1000000000, not 0", "simulate", "pidns-basic", "--walks", "0", "--out", o));
        c.add(new Case("nscheck: --walk-length must be 1..100000, not 0", "simulate", "pidns-basic", "--walk-length", "0", "--out", o));
        c.add(new Case("nscheck: --threads must be 1..1024, not 0", "compare", "--threads", "0"));
        c.add(new Case("nscheck: --walk-length must be within 1..40, not 99", "conform", "--walk-length", "99"));
        c.add(new Case("nscheck: --scenarios must be within", "conform", "--scenarios", "0"));
        c.add(new Case("nscheck: unknown area 'nope'", "conform", "--area", "nope"));
        c.add(new Case("nscheck: --format takes text, md or json, not 'xml'", "compare", "--format", "xml"));
        c.add(new Case("nscheck: Unknown option: '--frob'", "check", "pidns-basic", "--frob"));
        return c;
    }

    @Test
    void everyBadInputIsOneLineAndExitTwoBeforeAnySearch() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Case c : cases()) {
            CliTest.Run r = nscheck(c.args());
            // An old flag name (minimize -o) says so first, on its own line.
            String err = String.join("\n", r.err().lines().filter(l -> !l.startsWith("nscheck: warning: ")).toList());
            String what = String.join(" ", c.args()) + " -> " + r.code() + " " + r.err();
            if (r.code() != ExitCode.USAGE) failures.add("exit: " + what);
            else if (!err.startsWith(c.expectedStart())) failures.add("first line: expected '" + c.expectedStart() + "': " + what);
            else if (err.strip().lines().count() != 1) failures.add("more than one line: " + what);
            else if (!r.out().isEmpty()) failures.add("stdout not empty (" + r.out().lines().findFirst().orElse("") + "): " + what);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertFalse(Files.exists(tmp.resolve("out")), "a refused run leaves no --out directory behind");
    }

    @Test
    void forceRunsBoundsTheEstimateRefuses() {
        // tasks=40 is far from hopeless, so a tiny pretend heap makes the estimate refuse and --force overrule it.
        var source = nscheck.model.ModelCatalog.find("pidns-alloc");
        var bounds = java.util.Map.of("tasks", 40);
        UsageError e = org.junit.jupiter.api.Assertions.assertThrows(UsageError.class, () -> MemoryEstimate.check(source, bounds, false, 1 << 20));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        MemoryEstimate.check(source, bounds, true, 1 << 20);
        MemoryEstimate.check(source, java.util.Map.of(), false, Runtime.getRuntime().maxMemory());
    }
}
