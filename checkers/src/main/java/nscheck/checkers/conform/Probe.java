package nscheck.checkers.conform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The native probe (checkers/src/main/c/nsprobe.c, packaged in the jar). On first use it is
 * compiled with the machine's gcc into a cache directory keyed by the source's hash
 * ($NSCHECK_CACHE, else $XDG_CACHE_HOME/nscheck, else ~/.cache/nscheck), so a changed source is
 * rebuilt and an unchanged one is not. One probe process runs a batch of scenarios in turn.
 */
public final class Probe {
    private static final String SOURCE = "/nscheck/probe/nsprobe.c";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;
    private int pidMax;
    private int level;
    /** The probe process running now, so that a stop request (Ctrl-C) can end it. */
    private volatile Process current;
    private volatile boolean stopRequested;
    /** Scenarios the running batch has finished, for progress lines. */
    private volatile int batchDone;

    private Probe(Path binary) {
        this.binary = binary;
    }

    /** Compiles the probe if needed and checks that it can make its sandbox (user, mount, PID, IPC namespaces) here. */
    public static Probe build() {
        if (!isRoot())
            throw new ProbeUnavailable("running on the kernel needs root (CAP_SYS_ADMIN) to create PID namespaces; run it as root");
        Probe p = new Probe(compile());
        p.hello();
        return p;
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0");
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    Path binary() {
        return binary;
    }

    public int pidMax() {
        return pidMax;
    }

    /** The scenario namespace's level on this machine (1 on a host, more inside a container). */
    public int level() {
        return level;
    }

    private static Path compile() {
        byte[] source;
        try (InputStream in = Probe.class.getResourceAsStream(SOURCE)) {
            if (in == null) throw new IllegalStateException("the probe source " + SOURCE + " is missing from the build");
            source = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the probe source: " + e.getMessage(), e);
        }
        Path dir = cacheDir().resolve("nsprobe-" + hash(source));
        Path bin = dir.resolve("nsprobe");
        if (Files.isExecutable(bin)) return bin;
        try {
            Files.createDirectories(dir);
            Path src = dir.resolve("nsprobe.c");
            Files.write(src, source);
            Path tmp = dir.resolve("nsprobe.tmp");
            Process gcc;
            try {
                gcc = new ProcessBuilder(System.getProperty("nscheck.cc", "gcc"), "-O2", "-Wall", "-pthread", "-o", tmp.toString(), src.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new ProbeUnavailable("running on the kernel needs gcc to build the probe: install it (apt-get install gcc)");
            }
            String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (gcc.waitFor() != 0) throw new IllegalStateException("gcc failed on the probe:\n" + out);
            // The scenario init execs the probe as the sandbox's root (kuid 100000): by descriptor,
            // so no directory needs to be searchable, but the file must be executable by others.
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, bin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return bin;
        } catch (IOException e) {
            throw new ProbeUnavailable("cannot build the probe in " + dir + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the probe", e);
        }
    }

    /** Where the probe is built; the system property nscheck.cache replaces it, as nscheck.cc replaces gcc (tests of a machine without one). */
    private static Path cacheDir() {
        String prop = System.getProperty("nscheck.cache");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String env = System.getenv("NSCHECK_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "nscheck");
        return Path.of(System.getProperty("user.home"), ".cache", "nscheck");
    }

    private static String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs no scenario: reads the probe's greeting (pid_max, level) and proves a PID namespace can be made. */
    private void hello() {
        run(List.of(), List.of());
    }

    /** Ends the running batch (its finished scenarios are kept) and refuses later ones. */
    public void requestStop() {
        stopRequested = true;
        Process p = current;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    int batchDone() {
        return batchDone;
    }

    /** Runs every scenario; a probe that dies is an error here (tests, and a minimizer that needs whole batches). */
    List<KernelRun> run(List<Scenario> scenarios, List<Prediction> predictions) {
        ProbeBatch b = runBatch(scenarios, predictions);
        if (b.failure() != null) throw new IllegalStateException(b.failure());
        if (!b.complete()) throw new IllegalStateException("the probe was stopped");
        return b.runs();
    }

    /**
     * Runs every scenario, with the spec's predictions as the probe's stopping points. A probe that
     * dies (crash, watchdog, stop request) leaves the scenarios it finished intact and says which
     * one it was running.
     */
    ProbeBatch runBatch(List<Scenario> scenarios, List<Prediction> predictions) {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < scenarios.size(); i++) input.append(script(i, scenarios.get(i), predictions.get(i)));
        // A trivial scenario first: it fails at once if this process may not make the sandbox.
        String probeInput = "scenario -1 0\n0 0 getpid 0 0 r |= 1\nend\n" + input;
        List<KernelRun> runs = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) runs.add(new KernelRun(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>()));
        if (stopRequested) return new ProbeBatch(runs, 0, null);
        Process p;
        batchDone = 0;
        int finished = 0;
        try {
            // Started from the command's own thread, which waits for it: PR_SET_PDEATHSIG fires when the
            // thread that started a process ends, not only the JVM (prctl(2)).
            ProcessBuilder pb = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("NSPROBE_PARENT", Long.toString(ProcessHandle.current().pid()));
            p = pb.start();
            current = p;
        } catch (IOException e) {
            throw new ProbeUnavailable("cannot start the probe " + binary + ": " + e.getMessage());
        }
        try {
            Thread writer = new Thread(() -> {
                try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                    w.write(probeInput);
                } catch (IOException ignored) {
                    // The probe stopped reading: its exit status says why.
                }
            }, "nsprobe-input");
            writer.setDaemon(true);
            writer.start();
            // Every wait in the probe is bounded; this is the backstop if the probe itself hangs.
            long budgetMs = 20_000L + 3_000L * scenarios.size();
            java.util.concurrent.atomic.AtomicBoolean watchdogFired = new java.util.concurrent.atomic.AtomicBoolean();
            Thread watchdog = new Thread(() -> {
                try {
                    if (!p.waitFor(budgetMs, TimeUnit.MILLISECONDS)) {
                        watchdogFired.set(true);
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                } catch (InterruptedException ignored) {
                    // the run ended first
                }
            }, "nsprobe-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            String error = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    JsonNode n = JSON.readTree(line);
                    if (n.has("hello")) {
                        pidMax = n.get("pid_max").asInt();
                        level = n.get("level").asInt();
                        continue;
                    }
                    if (n.has("error")) {
                        error = n.get("error").asText();
                        continue;
                    }
                    int id = n.get("scenario").asInt();
                    if (id < 0 || id >= runs.size()) continue;
                    if (n.has("done")) {
                        finished = id + 1;
                        batchDone = finished;
                        continue;
                    }
                    KernelRun run = runs.get(id);
                    if (n.has("result")) {
                        run.results().add(n.get("result").asText());
                        run.words().add(n.has("words") ? n.get("words").asText() : "");
                    } else if (n.has("nspid")) {
                        run.snapshot().put(n.get("actor").asInt(), n.get("nspid").asText());
                    } else if (n.has("ns")) {
                        run.namespaces().put(n.get("actor").asInt(), n.get("ns").asText());
                    }
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) return new ProbeBatch(runs, finished, "the probe did not exit");
            if (error != null && p.exitValue() == 3) return new ProbeBatch(runs, finished, "the probe stopped: " + error);
            if (error != null) throw new ProbeUnavailable(error);
            if (stopRequested) return new ProbeBatch(runs, finished, null);
            if (p.exitValue() != 0 || finished < scenarios.size())
                return new ProbeBatch(runs, finished, "the probe " + status(p.exitValue(), watchdogFired.get()) + " while running scenario "
                        + finished + " of " + scenarios.size() + (finished < scenarios.size() ? ": " + scenarios.get(finished).steps() : ""));
            return new ProbeBatch(runs, finished, null);
        } catch (IOException e) {
            if (stopRequested) return new ProbeBatch(runs, finished, null);
            return new ProbeBatch(runs, finished, "reading the probe failed (" + e.getMessage() + ") while running scenario " + finished);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            current = null;
            if (p.isAlive()) {
                // The scenario inits die with the probe (PR_SET_PDEATHSIG); their namespaces with them.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    /**
     * The vetted host calls (nsprobe --host-kthreads, docs/conformance.md): a fixed list of harmless
     * calls naming kthreadd (PID 2 of the host's PID namespace) from an unprivileged sandboxed
     * caller, call -> result as strace prints it. No scenario reaches this path and it reads no input.
     */
    public Map<String, String> hostKernelThreads() {
        Map<String, String> results = new LinkedHashMap<>();
        for (String[] r : hostCalls("--host-kthreads")) results.put(r[0], r[1]);
        return results;
    }

    /**
     * The conform area kthreads: the vetted caller, made less privileged by {@code mode} (0 the
     * sandbox's root, 1 setresuid(1000), 2 a fresh user namespace), makes the calls the letters of
     * {@code calls} pick from the probe's fixed table, in order; each result as "= 0" or "= -1 ERRNO".
     * The probe refuses anything but a mode digit and letters of its table (exit 2).
     */
    public List<String> hostKernelThreads(int mode, String calls) {
        List<String> out = new ArrayList<>();
        for (String[] r : hostCalls("--host-kthreads", Integer.toString(mode), calls)) out.add(r[1]);
        return out;
    }

    private List<String[]> hostCalls(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            List<String[]> results = new ArrayList<>();
            String error = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    JsonNode n = JSON.readTree(line);
                    if (n.has("error")) error = n.get("error").asText();
                    else results.add(new String[] {n.get("call").asText(), n.get("result").asText()});
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the probe's host calls did not finish");
            }
            if (p.exitValue() == 2) throw new ProbeUnavailable(error != null ? error : "the probe cannot run its host calls here");
            if (p.exitValue() != 0) throw new IllegalStateException("the probe's host calls " + status(p.exitValue(), false));
            return results;
        } catch (IOException e) {
            throw new ProbeUnavailable("cannot start the probe " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** 128 + N is how a shell shows death by signal N; Java's Process reports the same. */
    private static String status(int exit, boolean watchdog) {
        if (watchdog) return "hung and was killed by its watchdog";
        if (exit > 128) return "was killed by signal " + (exit - 128);
        return "exited with status " + exit;
    }

    /** clone3's set_tid as the probe reads it after the hint: " 1,20003"; empty for other calls. */
    static String setTid(nscheck.spec.call.Syscall call) {
        // rt_sigqueueinfo's caller-made si_pid and si_uid travel in the same field
        if (call instanceof nscheck.spec.call.Syscall.RtSigqueueinfo q) return " " + q.siPid() + "," + q.siUid();
        if (!(call instanceof nscheck.spec.call.Syscall.Clone3 c)) return "";
        if (c.setTid().isEmpty()) return " -";
        StringBuilder b = new StringBuilder(" ");
        for (int i = 0; i < c.setTid().size(); i++) b.append(i > 0 ? "," : "").append(c.setTid().get(i));
        return b.toString();
    }

    /** The probe's input for one scenario: a step per line, the expected result after '|'. */
    static String script(int id, Scenario s, Prediction pred) {
        StringBuilder b = new StringBuilder();
        b.append("scenario ").append(id).append(' ').append(s.words()).append('\n');
        for (int i = 0; i < s.steps().size(); i++) {
            Scenario.Step step = s.steps().get(i);
            Prediction.StepPrediction p = pred.steps().get(i);
            ProbeCall c = ProbeCall.of(step.call(), p.child());
            b.append(i).append(' ').append(step.actor()).append(' ').append(c.op()).append(' ').append(c.a()).append(' ')
                    .append(c.b()).append(' ').append(p.hint()).append(setTid(step.call()))
                    .append(p.stopped() == null ? "" : " ^" + p.stopped())
                    .append(p.deaths() == null || p.deaths().isEmpty() ? "" : " ~" + p.deaths()).append(" |").append(p.result()).append('\n');
        }
        b.append("snapshot");
        for (Map.Entry<Integer, String> e : pred.snapshot().entrySet())
            b.append(' ').append(e.getKey()).append(' ').append(e.getValue().split(" ").length);
        b.append("\nend\n");
        return b.toString();
    }
}
