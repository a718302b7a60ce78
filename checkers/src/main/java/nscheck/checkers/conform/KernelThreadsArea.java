package nscheck.checkers.conform;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Kthreads;
import nscheck.spec.state.Limits;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.variant.Variant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The conform area kthreads: the spec booted with kthreadd (KT1-KT5 in docs/semantics.md) against
 * the probe's vetted host calls ({@code nsprobe --host-kthreads MODE CALLS}). Unlike every other
 * area, its calls name a task of the host's PID namespace, so it does not run generated scenarios
 * through the scenario sandbox: what varies is only what the probe's fixed path lets vary, the
 * caller's credentials (a mode) and which of its fixed calls run in which order (letters). No
 * number reaches the probe; the target is the probe's compiled-in PID 2, checked to be kthreadd.
 */
final class KernelThreadsArea {
    static final String NAME = "kthreads";
    /** The probe's table, in its order: KTHREAD_CALLS in nsprobe.c. */
    static final String CALLS = "kKqwts";
    static final int MODES = 3;
    private static final String[] MODE_NAMES = {"sandbox root", "setuid(1000) in the sandbox", "a fresh user namespace"};
    /** The sandbox's uid_map (0 100000 65536): the kernel uids of its root and of its uid 1000. */
    private static final int SANDBOX_ROOT_KUID = 100000, SANDBOX_1000_KUID = 101000;

    private KernelThreadsArea() {}

    /** One scenario: the caller's mode and the calls, by letter. */
    record Case(int mode, String calls) {
        @Override public String toString() { return MODE_NAMES[mode] + ": " + calls; }
    }

    /** The spec's call for a letter of the probe's table; the target is kthreadd's PID. */
    static Syscall call(char c) {
        int kt = Kthreads.KTHREADD;
        return switch (c) {
            case 'k' -> new Syscall.Kill(kt, 0);
            case 'K' -> new Syscall.Kill(kt, Signals.SIGKILL);
            case 'q' -> new Syscall.Sigqueue(kt);
            case 'w' -> new Syscall.Wait(kt);
            case 't' -> new Syscall.FutexTrylockPi(0);
            case 's' -> new Syscall.Setns(kt);
            default -> throw new IllegalArgumentException("no call '" + c + "' in the probe's table " + CALLS);
        };
    }

    /**
     * The caller in the spec: a task of init_pid_ns forked by the root init (T1), with the
     * sandbox's kernel uid in a user namespace below init_user_ns (setuid, then
     * unshare(CLONE_NEWUSER)). Its uid is left unmapped there (setuid made it non-dumpable, so it
     * could not write its own uid_map, K4): no rule of this area reads the caller's uid as its own
     * namespace maps it, only its kernel uid and that it holds no capability in init_user_ns. For
     * the same reason the spec's caller cannot make the probe's nested user namespace of mode 2
     * (create_user_ns refuses an unmapped creator): mode 2 is mode 0's caller in the spec, which
     * the rules cannot tell apart (the capabilities it holds are below init_user_ns either way).
     */
    static List<Scenario.Step> setup(int mode) {
        List<Scenario.Step> steps = new ArrayList<>();
        steps.add(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)));
        steps.add(new Scenario.Step(1, new Syscall.Setuid(mode == 1 ? SANDBOX_1000_KUID : SANDBOX_ROOT_KUID)));
        steps.add(new Scenario.Step(1, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER)));
        return steps;
    }

    static Scenario scenario(Case c) {
        List<Scenario.Step> steps = new ArrayList<>(setup(c.mode()));
        for (char l : c.calls().toCharArray()) steps.add(new Scenario.Step(1, call(l)));
        return new Scenario(NAME, 1, steps);
    }

    /**
     * The spec's results for the case's calls, "= 0" or "= -1 ERRNO" as the probe prints them,
     * on a kernel booted with {@code kernelThreads} kernel threads and a futex word holding 2 (the
     * probe's word). Null if the setup itself fails under this variant.
     */
    static List<String> predict(Variant v, int pidMax, int kernelThreads, Case c) {
        Semantics s = new Semantics(v, new Limits(8, 2, pidMax, kernelThreads));
        Kernel k = s.boot().withMemory(SharedMemory.zeroed(1)).withWord(0, Kthreads.KTHREADD);
        List<String> out = new ArrayList<>();
        List<Scenario.Step> setup = setup(c.mode());
        List<Scenario.Step> steps = scenario(c).steps();
        for (int i = 0; i < steps.size(); i++) {
            List<Outcome> o = s.step(k, steps.get(i).actor(), steps.get(i).call());
            if (o.size() != 1) return null;
            k = o.get(0).next();
            if (i < setup.size()) {
                if (o.get(0).observation().failed()) return null;
                continue;
            }
            out.add(result(o.get(0).observation()));
        }
        return out;
    }

    /** As strace and the probe print it: "= 0", "= -1 EPERM". */
    private static String result(Observation o) {
        return o.toString();
    }

    /**
     * {@code count} distinct cases: every call alone under every mode first, then random orders of
     * 2..6 calls (repeats allowed: a second trylock meets FUTEX_WAITERS set by the first).
     */
    static List<Case> cases(int count, long seed) {
        Set<Case> out = new LinkedHashSet<>();
        for (int m = 0; m < MODES && out.size() < count; m++)
            for (char c : CALLS.toCharArray()) if (out.size() < count) out.add(new Case(m, String.valueOf(c)));
        Random random = new Random(seed ^ NAME.hashCode());
        for (int tries = 0; out.size() < count && tries < 100 * count; tries++) {
            StringBuilder b = new StringBuilder();
            int n = 2 + random.nextInt(5);
            for (int i = 0; i < n; i++) b.append(CALLS.charAt(random.nextInt(CALLS.length())));
            out.add(new Case(random.nextInt(MODES), b.toString()));
        }
        return new ArrayList<>(out);
    }

    /** Runs {@code count} cases on the probe and compares each result with the spec's. */
    static AreaResult run(Variant v, Probe probe, int count, long seed) {
        return run(v, probe, count, seed, 1);
    }

    /** As {@link #run(Variant, Probe, int, long)}, the spec booted with {@code kernelThreads} kernel threads (0: none, a spec that must disagree). */
    static AreaResult run(Variant v, Probe probe, int count, long seed, int kernelThreads) {
        List<Case> cases = cases(count, seed);
        int done = 0, steps = 0, agreed = 0;
        List<Mismatch> found = new ArrayList<>();
        Map<String, Integer> families = new TreeMap<>();
        String failure = null;
        for (Case c : cases) {
            if (probe.stopRequested()) break;
            List<String> kernel;
            try {
                kernel = probe.hostKernelThreads(c.mode(), c.calls());
            } catch (RuntimeException e) {
                failure = c + ": " + e.getMessage();
                break;
            }
            List<String> spec = predict(v, probe.pidMax(), kernelThreads, c);
            done++;
            Scenario s = scenario(c);
            int first = setup(c.mode()).size();
            int differs = -1;
            for (int i = 0; i < c.calls().length(); i++) {
                families.merge(call(c.calls().charAt(i)).family(), 1, Integer::sum);
                steps++;
                String want = spec == null || i >= spec.size() ? "(the spec's setup fails)" : spec.get(i);
                String got = i < kernel.size() ? kernel.get(i) : "(no result)";
                if (differs < 0 && !want.equals(got)) {
                    differs = i;
                    found.add(new Mismatch(s, first + i, want, got, null));
                }
            }
            if (differs < 0) agreed++;
        }
        return new AreaResult(NAME, done, steps, agreed, List.of(), found, families, cases.size(), failure,
                probe.stopRequested() && done < cases.size());
    }
}
