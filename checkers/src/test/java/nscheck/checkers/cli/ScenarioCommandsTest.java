package nscheck.checkers.cli;

import nscheck.checkers.conform.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Scenario files (format version 2) through the CLI: replay on the spec and on the kernel, and every refusal of bad content. */
class ScenarioCommandsTest {
    static final Path FIRST = Path.of("..", "examples", "first-scenario.json");

    @TempDir
    Path tmp;

    private Path file(String trace) throws Exception {
        return file("", trace);
    }

    private Path file(String header, String trace) throws Exception {
        Path f = tmp.resolve("s" + System.nanoTime() + ".json");
        Files.writeString(f, "{\"format\": \"nscheck-scenario\", \"version\": 2, " + header + "\"trace\": [" + trace + "]}");
        return f;
    }

    private static void refused(Path f, String message) {
        CliTest.Run r = CliTest.nscheck("replay", f.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertTrue(r.err().lines().count() == 1, "one line: " + r.err());
    }

    /** The README's first session shows exactly the file its commands run (ReadmeExamplesTest runs them). */
    @Test
    void theReadmeShowsTheScenarioFileVerbatim() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int session = readme.indexOf("## A first session"), next = readme.indexOf("\n## ", session + 1);
        String section = readme.substring(session, next);
        int open = section.indexOf("```json\n") + "```json\n".length();
        String shown = section.substring(open, section.indexOf("```", open));
        assertEquals(Files.readString(FIRST), shown);
        assertTrue(section.contains("./nscheck replay examples/first-scenario.json")
                && section.contains("./nscheck replay --kernel examples/first-scenario.json"), section);
        long steps = scenarioSteps(shown);
        assertEquals(4, steps, "a four-step scenario");
    }

    private static long scenarioSteps(String text) {
        return nscheck.checkers.scenario.ScenarioFile.parse(text).steps().size();
    }

    @Test
    void theReadmeScenarioRunsOnTheSpec() {
        CliTest.Run r = CliTest.nscheck("replay", FIRST.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("container-init  [NSpid 3 1]    getppid()"), r.out());
        assertTrue(r.out().contains("PASS"), r.out());
    }

    /** Issue 12: a version 2 counterexample with a property prints the author's task names, not slots. */
    @Test
    void aCounterexampleWithAPropertyIsPrintedWithTheAuthorsTaskNames() throws Exception {
        Path f = file("\"model\": \"caps-pid-choice\", \"variant\": \"seeded-ns-last-pid-nocap\", "
                        + "\"property\": {\"name\": \"no-unprivileged-pid-choice\"}, \"expect\": \"violates\", \"tasks\": [\"init\", \"restorer\"], ",
                "{\"task\": \"restorer\", \"call\": \"setuid\", \"args\": {\"uid\": 1000}},"
                        + "{\"task\": \"restorer\", \"call\": \"clone\", \"child\": \"restored\"},"
                        + "{\"task\": \"restored\", \"call\": \"setuid\", \"args\": {\"uid\": 0}},"
                        + "{\"task\": \"restorer\", \"call\": \"write_ns_last_pid\", \"args\": {\"value\": 0}}");
        CliTest.Run r = CliTest.nscheck("replay", f.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("initial  init[1]; restorer[2]"), r.out());
        assertTrue(r.out().contains("  1  restorer        [NSpid 2]      setuid(1000)"), r.out());
        assertTrue(r.out().contains("  3  restored        [NSpid 3]      setuid(0)"), r.out());
        assertTrue(r.out().contains("  4  restorer        [NSpid 2]      write(ns_last_pid, 0)"), r.out());
        assertTrue(!r.out().contains(" T1 ") && !r.out().contains(" T2 "), "no slots: " + r.out());
    }

    @Test
    void aResultTheSpecDoesNotGiveIsADivergenceNamingTheStep() throws Exception {
        Path f = file("{\"task\": \"t1\", \"call\": \"clone\", \"args\": {\"flags\": [\"CLONE_NEWPID\"]}, \"child\": \"c\"},"
                + "{\"task\": \"c\", \"call\": \"getppid\", \"result\": 2}");
        CliTest.Run r = CliTest.nscheck("replay", f.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("diverged at step 2 of 2: c getppid() observes = 0, expected = 2"), r.out());
    }

    @Test
    void errorsAreWrittenAsErrnoNames() throws Exception {
        Path f = file("{\"task\": \"t1\", \"call\": \"kill\", \"args\": {\"pid\": 3, \"sig\": \"SIGUSR1\"}, \"result\": \"ESRCH\"},"
                + "{\"task\": \"t1\", \"call\": \"setns\", \"args\": {\"pid\": 7}, \"result\": \"ESRCH\"}");
        assertEquals(0, CliTest.nscheck("replay", f.toString()).code());
    }

    @Test
    void unknownCallIsAnInputErrorAtItsPath() throws Exception {
        refused(file("{\"task\": \"t1\", \"call\": \"fork\"}"), "trace[0].call: unknown call \"fork\"");
    }

    @Test
    void unknownFlagIsAnInputErrorAtItsPath() throws Exception {
        refused(file("{\"task\": \"t1\", \"call\": \"getpid\"}, {\"task\": \"t1\", \"call\": \"clone\", \"args\": {\"flags\": [\"CLONE_NEWFOO\"]}}"),
                "trace[1].args.flags: unknown flag \"CLONE_NEWFOO\"");
    }

    @Test
    void unknownTaskNameIsAnInputErrorAtItsPath() throws Exception {
        refused(file("{\"task\": \"t1\", \"call\": \"getpid\"}, {\"task\": \"container\", \"call\": \"getpid\"}"),
                "trace[1].task: unknown task \"container\"");
    }

    @Test
    void taskNamesBeyondTheInitialTasksAreAnInputError() throws Exception {
        refused(file("\"tasks\": [\"init\", \"host\"], \"bounds\": {\"initial_tasks\": 2}, ", "{\"task\": \"host\", \"call\": \"getpid\"}"),
                "tasks: names 2 tasks, but the scenario starts with 3");
    }

    @Test
    void wrongArgumentTypeIsAnInputErrorAtItsPath() throws Exception {
        refused(file("{\"task\": \"t1\", \"call\": \"kill\", \"args\": {\"pid\": \"three\", \"sig\": \"SIGKILL\"}}"),
                "trace[0].args.pid: must be an integer, not a string");
        refused(file("{\"task\": \"t1\", \"call\": \"clone\", \"args\": {\"flags\": \"CLONE_NEWPID\"}}"),
                "trace[0].args.flags: must be an array of flag names");
    }

    @Test
    void unknownArgumentKeyIsAnInputErrorAtItsPath() throws Exception {
        refused(file("{\"task\": \"t1\", \"call\": \"kill\", \"args\": {\"pid\": 1, \"sig\": \"SIGKILL\", \"signal\": 9}}"),
                "trace[0].args.signal: unknown argument (kill takes pid, sig)");
    }

    @Test
    void emptyTraceIsAnInputError() throws Exception {
        refused(file(""), "trace: is empty");
    }

    @Test
    void unknownFieldAndResultAreInputErrors() throws Exception {
        refused(file("{\"task\": \"t1\", \"call\": \"getpid\", \"expect\": 2}"), "trace[0].expect: unknown field");
        refused(file("{\"task\": \"t1\", \"call\": \"getpid\", \"result\": \"EWHAT\"}"), "trace[0].result: unknown result \"EWHAT\"");
    }

    @Test
    void boundsTooSmallAreRefusedNamingTheBound() throws Exception {
        Path f = file("\"bounds\": {\"tasks\": 3}, ", "{\"task\": \"t1\", \"call\": \"clone\"}, {\"task\": \"t1\", \"call\": \"clone\"}");
        refused(f, "bounds.tasks = 3 is too small for this scenario: step trace[1] (t1 clone(0)) observes = -1 EAGAIN");
        Path pids = file("\"bounds\": {\"pid_max\": 50}, ", "{\"task\": \"t1\", \"call\": \"clone3\", \"args\": {\"set_tid\": [60]}}");
        refused(pids, "bounds.pid_max = 50 is too small");
    }

    @Test
    void aVersionOneActorOutOfRangeIsAnInputError() throws Exception {
        String v1 = Files.readString(Path.of("..", "counterexamples", "pidns-basic-seeded-leaky-translate-isolation.json"))
                .replace("\"actor\" : \"T2\"", "\"actor\" : \"T9\"");
        Path f = tmp.resolve("v1.json");
        Files.writeString(f, v1);
        refused(f, "trace[1].actor: T9 is out of range");
    }

    @Test
    void aVersionOneUnknownCallOrArgumentIsAnInputError() throws Exception {
        String v1 = Files.readString(Path.of("..", "counterexamples", "pidns-basic-seeded-leaky-translate-isolation.json"));
        Path f = tmp.resolve("v1.json");
        Files.writeString(f, v1.replace("\"call\" : \"getppid\"", "\"call\" : \"getppidd\""));
        refused(f, "trace[1].call: unknown call \"getppidd\"");
        Files.writeString(f, v1.replace("\"flags\" : 536870912", "\"flags\" : 536870912, \"mode\" : 1"));
        refused(f, "trace[0].args.mode: unknown argument");
        Files.writeString(f, v1.replace("\"flags\" : 536870912", "\"flags\" : \"CLONE_NEWPID\""));
        refused(f, "trace[0].args.flags: must be a number");
    }

    @Test
    void checkWritesTheReadableFormAndReplayReadsIt() throws Exception {
        CliTest.Run r = CliTest.nscheck("check", "pidns-basic", "--variant", "seeded-leaky-translate", "--progress", "0", "--out", tmp.toString());
        assertEquals(1, r.code(), r.err());
        Path written;
        try (var s = Files.list(tmp)) {
            written = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        String text = Files.readString(written);
        assertTrue(text.contains("\"version\" : 2") && text.contains("\"flags\" : [ \"CLONE_NEWPID\" ]") && text.contains("\"child\" : \"t2\""), text);
        assertEquals(0, CliTest.nscheck("replay", written.toString()).code());
    }

    @Test
    void onTheKernelTheReadmeScenarioAgreesStepByStep() {
        assumeTrue(Probe.isRoot(), "replay --kernel runs on the kernel as root");
        CliTest.Run r = CliTest.nscheck("replay", "--kernel", FIRST.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("container-init  getppid()                              = 0                  = 0"), r.out());
    }

    @Test
    void onTheKernelASeededBugDivergesAtItsStep() {
        assumeTrue(Probe.isRoot(), "replay --kernel runs on the kernel as root");
        CliTest.Run r = CliTest.nscheck("replay", "--kernel", "../counterexamples/pidns-basic-seeded-leaky-translate-isolation.json");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL") && r.out().contains("diverged at step 3 (t2 getppid()): spec = 2, kernel = 0"), r.out());
    }

    @Test
    void onTheKernelClone3WithSetTidAgrees() throws Exception {
        assumeTrue(Probe.isRoot(), "replay --kernel runs on the kernel as root");
        Path f = file("\"tasks\": [\"init\", \"restorer\"], ",
                "{\"task\": \"restorer\", \"call\": \"clone\", \"args\": {\"flags\": [\"CLONE_NEWPID\"]}, \"child\": \"ns-init\"},"
                + "{\"task\": \"ns-init\", \"call\": \"clone3\", \"args\": {\"set_tid\": [1, 20003]}, \"result\": \"EEXIST\"},"
                + "{\"task\": \"ns-init\", \"call\": \"clone3\", \"args\": {\"set_tid\": [7, 20003]}, \"child\": \"seven\", \"result\": 7},"
                + "{\"task\": \"seven\", \"call\": \"getpid\", \"result\": 7}");
        CliTest.Run r = CliTest.nscheck("replay", "--kernel", f.toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void onTheKernelBoundsTooSmallAreRefused() throws Exception {
        assumeTrue(Probe.isRoot(), "replay --kernel runs on the kernel as root");
        Path f = file("\"bounds\": {\"pid_max\": 50}, ", "{\"task\": \"t1\", \"call\": \"clone3\", \"args\": {\"set_tid\": [60]}}");
        CliTest.Run r = CliTest.nscheck("replay", "--kernel", f.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("bounds.pid_max = 50 is too small"), r.err());
    }

    @Test
    void conformRunsScenarioFilesInItsReport() {
        assumeTrue(Probe.isRoot(), "conform runs on the kernel as root");
        CliTest.Run r = CliTest.nscheck("conform", "--scenario", FIRST.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("scenario files"), r.out());
    }

    @Test
    void modelFilesUseTheNewFamilies() {
        for (String model : new String[] {"../examples/models/threads-futex.json", "../examples/models/clone3-restore.json"}) {
            CliTest.Run r = CliTest.nscheck("check", model, "--progress", "0", "--out", tmp.toString());
            assertEquals(0, r.code(), r.out() + r.err());
        }
        CliTest.Run r = CliTest.nscheck("check", "../examples/models/threads-futex.json", "--progress", "0", "--out", tmp.toString());
        assertTrue(r.out().contains("futex-lock-pi=") && r.out().contains("futex-return=") && r.out().contains("clone-thread="), r.out());
        assertTrue(r.out().contains("set-robust-list="), "robust lists from a model file: " + r.out());
    }

    @Test
    void listCallsDocumentsEveryFamilyAndEveryScenarioCall() {
        CliTest.Run r = CliTest.nscheck("list", "--calls");
        assertEquals(0, r.code(), r.err());
        for (String family : nscheck.model.kernel.CallMenu.FAMILIES.keySet()) assertTrue(r.out().contains("  " + family + " "), family);
        for (var f : nscheck.checkers.scenario.CallSyntax.FORMS) assertTrue(r.out().contains("  " + f.name() + " "), f.name());
        assertTrue(r.out().contains("  set-robust-list ") && r.out().contains("  set_robust_list "), "robust lists in model and scenario files");
    }

    @Test
    void onTheKernelWithoutRootOrACompilerIsOneLineAndExitTwo() {
        System.setProperty("nscheck.cache", tmp.resolve("cache").toString());
        System.setProperty("nscheck.cc", tmp.resolve("no-such-gcc").toString());
        try {
            CliTest.Run r = CliTest.nscheck("replay", "--kernel", FIRST.toString());
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains(Probe.isRoot() ? "needs gcc to build the probe" : "needs root"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        } finally {
            System.clearProperty("nscheck.cache");
            System.clearProperty("nscheck.cc");
        }
    }
}
