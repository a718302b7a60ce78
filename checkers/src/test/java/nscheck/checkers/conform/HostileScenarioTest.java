package nscheck.checkers.conform;

import nscheck.checkers.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The host is untouched by what a scenario file does on the kernel (docs/conformance.md, "The
 * sandbox"): hostile files (test resources hostile/*.json) go through the path users use
 * (`replay --kernel`, `conform --scenario`: KernelReplay) and kill(-1, SIGKILL) from the root
 * init and from a nested one, write ns_last_pid, setns towards pid 1, low PIDs and large numbers,
 * setuid and unshare. Afterwards a sentinel process this test started on the host is alive, the
 * host's mount table is the same, every actor started outside the host's user, PID, mount and IPC
 * namespaces, and the files' stated results held: the ns_last_pid writes moved the scenario
 * namespace's allocation (the next child has the written value + 1 there), the setns targets
 * beyond the scenario's tasks are ESRCH.
 */
class HostileScenarioTest {
    private static Probe probe;
    private static Process sentinel;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Probe.isRoot(), "the kernel runner needs root (it maps each scenario's user namespace)");
        probe = Probe.build();
        sentinel = new ProcessBuilder("sleep", "600").start();
    }

    @AfterAll
    static void stop() {
        if (sentinel != null) sentinel.destroyForcibly();
    }

    private static List<Path> hostileFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(HostileScenarioTest.class.getResource("/hostile").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String hostNs(String name) throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/self/ns/" + name)).toString(); // "user:[4026531837]"
        return link.substring(link.indexOf('[') + 1, link.indexOf(']'));
    }

    /** The kind of the first host namespace a probe's "user:INO pid:INO mnt:INO ipc:INO" line names, or null. */
    private static String hostNamespaceIn(String seen) throws IOException {
        for (String kind : List.of("user", "pid", "mnt", "ipc")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + kind + ":(\\d+)").matcher(seen);
            if (!m.find()) return kind + " (missing)";
            if (m.group(1).equals(hostNs(kind))) return kind;
        }
        return null;
    }

    /** The check above can fail: a line naming the host's own mount namespace is caught. */
    @Test
    void aHostNamespaceInTheProbesRecordIsCaught() throws IOException {
        assertEquals("mnt", hostNamespaceIn("user:1 pid:2 mnt:" + hostNs("mnt") + " ipc:4"));
        assertEquals("ipc (missing)", hostNamespaceIn("user:1 pid:2 mnt:3"));
        assertEquals(null, hostNamespaceIn("user:1 pid:2 mnt:3 ipc:4"));
    }

    @Test
    void hostileFilesLeaveTheHostUntouched() throws Exception {
        List<Path> files = hostileFiles();
        assertTrue(files.size() >= 3, "hostile files: " + files);
        String mountsBefore = Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
        KernelReplay replay = new KernelReplay(probe);
        List<KernelReplay.Prepared> prepared = new ArrayList<>();
        for (Path f : files) prepared.add(replay.prepare(KernelReplay.script(f)));
        List<KernelReplay.Ran> ran = replay.run(files, prepared);

        for (KernelReplay.Ran r : ran) {
            assertEquals(null, r.mismatch(), r.file() + ": the kernel agrees with the spec");
            assertEquals(-1, r.firstUnexpected(), r.file() + ": every stated result held, kernel " + r.run().results());
            Map<Integer, String> namespaces = r.run().namespaces();
            assertFalse(namespaces.isEmpty(), r.file() + ": the probe reports where its actors started");
            for (Map.Entry<Integer, String> e : namespaces.entrySet())
                assertEquals(null, hostNamespaceIn(e.getValue()), r.file() + ": actor " + e.getKey() + " started in a host namespace: " + e.getValue());
        }
        assertTrue(sentinel.isAlive(), "the host's sentinel survived kill(-1, SIGKILL)");
        assertEquals(mountsBefore, Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8), "the host's mount table");
    }

    /** The same files through the command users type: exit 0, the sandbox named in the output. */
    @Test
    void replayKernelRunsAHostileFileInTheSandbox() throws Exception {
        Path kill = hostileFiles().stream().filter(p -> p.getFileName().toString().startsWith("kill")).findFirst().orElseThrow();
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new String[] {"replay", "--kernel", kill.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("in a sandbox (fresh user, mount, PID and IPC namespaces)"), out.toString());
        assertTrue(sentinel.isAlive(), "the host's sentinel survived");
    }

    /** A uid the sandbox does not map is refused before anything runs (exit 2), never run into a false disagreement. */
    @Test
    void aUidOutsideTheSandboxMapIsAnInputError(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("big-uid.json");
        Files.writeString(f, "{\"format\": \"nscheck-scenario\", \"version\": 2, \"trace\": ["
                + "{\"task\": \"init\", \"call\": \"setuid\", \"args\": {\"uid\": 70000}}]}");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new String[] {"replay", "--kernel", f.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(2, code, out + "\n" + err);
        assertTrue(err.toString().contains("outside the sandbox's id map"), err.toString());
    }

    /**
     * The probe's own input (what the runner writes from a file's steps) cannot name a host task:
     * a snapshot or step naming an actor out of range is refused (exit 2) before any sandbox is made,
     * and a futex word beyond the shared page is EFAULT, not an address of the scenario's choosing.
     */
    @Test
    void malformedProbeInputIsRefused() throws Exception {
        assertEquals(2, runProbe("scenario 0 0\n0 0 getpid 0 0 r |= 1\nsnapshot 4000 1\nend\n").exit);
        assertEquals(2, runProbe("scenario 0 0\n0 99 getpid 0 0 r |= 1\nend\n").exit);
        assertEquals(2, runProbe("scenario 0 0\n0 0 clone 0 -7 r |= 2\nend\n").exit);
        ProbeOutput words = runProbe("scenario 0 1\n0 0 fwake 100000 1 r |= -1 EFAULT\n1 0 fwake -3 1 r |= -1 EFAULT\nend\n");
        assertEquals(0, words.exit, words.out);
        assertTrue(words.out.contains("\"step\":1,\"actor\":0,\"result\":\"= -1 EFAULT\""), words.out);
    }

    /**
     * Where the sandbox cannot be made the probe says so in one line and exits 2, running nothing:
     * as an unprivileged user (it may not write the maps) and below a proc with a file system
     * mounted over /proc/sys (mount_too_revealing refuses the sandbox its own proc).
     */
    @Test
    void withoutItsSandboxTheProbeRunsNothing(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/unshare")), "setpriv and unshare (util-linux)");
        Path bin = tmp.resolve("nsprobe");
        Files.copy(probe.binary(), bin);
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(bin, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String scenario = "scenario 0 0\n0 0 getpid 0 0 r |= 1\nend\n";
        ProbeOutput nobody = runProbe(scenario, "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", bin.toString());
        assertEquals(2, nobody.exit, nobody.out);
        assertEquals(1, nobody.out.lines().count(), nobody.out);
        assertTrue(nobody.out.contains("no permission for the kernel runner") && nobody.out.contains("uid_map"), nobody.out);
        ProbeOutput hidden = runProbe(scenario, "/usr/bin/unshare", "-m", "--propagation", "private", "sh", "-c", "mount -t tmpfs none /proc/sys && exec " + bin);
        assertEquals(2, hidden.exit, hidden.out);
        assertEquals(1, hidden.out.lines().count(), hidden.out);
        assertTrue(hidden.out.contains("no permission for the kernel runner") && hidden.out.contains("mounting proc"), hidden.out);
    }

    private record ProbeOutput(int exit, String out) {}

    private static ProbeOutput runProbe(String input) throws Exception {
        return runProbe(input, probe.binary().toString());
    }

    private static ProbeOutput runProbe(String input, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException refused) {
            // A probe that refuses its sandbox exits before reading the scenario: on a loaded
            // machine the write can meet the closed pipe (EPIPE). Its line and exit code still tell.
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the probe exits");
        return new ProbeOutput(p.exitValue(), out);
    }
}
