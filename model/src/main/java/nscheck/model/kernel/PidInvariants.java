package nscheck.model.kernel;

import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskState;

import java.util.List;

/**
 * The PID-namespace invariants. Each is stated on the kernel's ground truth (the upids a task
 * holds), independently of the variant under test, and each has a seeded bug in
 * nscheck.spec.variant.SeededBugs that violates it.
 */
public final class PidInvariants {
    private PidInvariants() {}

    public static List<Property<Kernel, KernelStep>> all(Semantics s) {
        return List.of(pidUnique(), pidVisibility(), pidRoundTrip(s), isolation(), initKillsNamespace(), orphanReaper());
    }

    /** P2/P3: a number names at most one task in a namespace. */
    static Property<Kernel, KernelStep> pidUnique() {
        return new Property.Always<>("pid-unique", "no two tasks hold the same number in one PID namespace", k -> {
            boolean shared = false;
            for (int i = 0; i < k.taskSlots(); i++) {
                Task a = k.task(i);
                if (a == null) continue;
                for (int j = i + 1; j < k.taskSlots(); j++) {
                    Task b = k.task(j);
                    if (b == null) continue;
                    for (int l = 0; l <= a.level(); l++) {
                        int nr = b.numberIn(a.nsAtLevel(l)); // once: asked of every pair of tasks in every new state
                        if (nr != 0) {
                            shared = true;
                            if (nr == a.numberAtLevel(l)) return Verdict.VIOLATED;
                        }
                    }
                }
            }
            return shared ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }

    /** P2: struct pid has one upid per level, each in the ancestor at that level. */
    static Property<Kernel, KernelStep> pidVisibility() {
        return new Property.Always<>("pid-visibility",
                "every task has one number in its own namespace and in each ancestor, and none elsewhere", k -> {
            boolean nested = false;
            for (int i = 0; i < k.taskSlots(); i++) {
                Task t = k.task(i);
                if (t == null) continue;
                if (t.level() != k.ns(t.activeNs()).level()) return Verdict.VIOLATED;
                for (int l = 0; l <= t.level(); l++) {
                    if (t.numberAtLevel(l) <= 0) return Verdict.VIOLATED;
                    if (t.nsAtLevel(l) != k.ancestorAtLevel(t.activeNs(), l)) return Verdict.VIOLATED;
                }
                nested |= t.level() > 0;
            }
            return nested ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }

    /** The variant's pid_nr_ns and find_pid_ns agree with the upids, in every namespace. */
    static Property<Kernel, KernelStep> pidRoundTrip(Semantics s) {
        return new Property.Always<>("pid-round-trip",
                "a task's number in a namespace looks up to that task; a namespace that cannot see a task has no number for it", k -> {
            boolean nested = false;
            for (int i = 0; i < k.taskSlots(); i++) {
                Task t = k.task(i);
                if (t == null) continue;
                nested |= t.level() > 0;
                for (int n = 0; n < k.nsSlots(); n++) {
                    if (k.ns(n) == null) continue;
                    int truth = t.numberIn(n);
                    int seen = s.variant.translate(k, i, n);
                    if (seen != truth) return Verdict.VIOLATED;
                    if (truth != 0 && s.variant.lookup(k, n, truth) != i) return Verdict.VIOLATED;
                }
            }
            return nested ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }

    /** The 2007 concern: a PID handed to a task names, in that task's namespace, the task it is about. */
    static Property<Kernel, KernelStep> isolation() {
        return new Property.AlwaysStep<>("isolation",
                "no call returns a nonzero PID of a task the caller cannot see, or a number it does not know it by", (pre, step, post) -> {
            var r = step.result();
            if (r.about() < 0 || !r.returns() || r.failed()) return Verdict.VACUOUS;
            Task about = pre.task(r.about()) != null ? pre.task(r.about()) : post.task(r.about());
            int callerNs = pre.task(step.actor()).activeNs();
            if (about == null) return Verdict.VIOLATED;
            if (about.numberIn(callerNs) != r.value()) return Verdict.VIOLATED;
            return about.activeNs() != callerNs ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }

    /** P6: zap_pid_ns_processes reaches the whole subtree. */
    static Property<Kernel, KernelStep> initKillsNamespace() {
        return new Property.Always<>("init-kills-namespace",
                "once a namespace's init has died, every other task with a number in it is dead or has a fatal signal pending", k -> {
            boolean exercised = false;
            for (int n = 0; n < k.nsSlots(); n++) {
                PidNamespace ns = k.ns(n);
                if (ns == null || ns.adding()) continue;
                exercised = true;
                for (int i = 0; i < k.taskSlots(); i++) {
                    Task t = k.task(i);
                    if (t == null || i == ns.childReaper() || !t.hasNumberIn(n)) continue;
                    if (t.state == TaskState.RUNNING && t.pendingSignal == 0) return Verdict.VIOLATED;
                }
            }
            return exercised ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }

    /** P7: who adopts orphans, restated from find_child_reaper/find_new_reaper. */
    static Property<Kernel, KernelStep> orphanReaper() {
        return new Property.AlwaysStep<>("orphan-reaper",
                "an orphan is adopted by the nearest living subreaper in its dead parent's namespace, else by that namespace's init", (pre, step, post) -> {
            if (pre == post) return Verdict.VACUOUS; // a step that changed nothing reparented no one (checked on every transition)
            boolean exercised = false;
            for (int i = 0; i < pre.taskSlots(); i++) {
                Task before = pre.task(i), after = post.task(i);
                if (before == null || after == null || before.parent == after.parent || before.parent < 0) continue;
                exercised = true;
                if (after.parent != expectedReaper(pre, before.parent)) return Verdict.VIOLATED;
            }
            return exercised ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }

    private static int expectedReaper(Kernel k, int father) {
        Task f = k.task(father);
        int reaper = k.ns(f.activeNs()).childReaper();
        int group = f.hasLeader() ? f.leader : father;
        // A dying init (reaper == father) needs no case of its own (P6): a living thread of its group
        // first, and its parent lives in an ancestor namespace, so the walk below stops at once and
        // the children stay with it.
        for (int i = 0; i < k.taskSlots(); i++) {
            Task u = k.task(i);
            if (i != father && u != null && u.alive() && (i == group || u.leader == group)) return i;
        }
        int hops = 0;
        for (int r = f.parent; k.task(r) != null && hops++ < k.taskSlots(); r = k.task(r).parent) {
            Task up = k.task(r);
            if (up.level() != f.level()) break;
            if (up.subreaper && up.alive()) return r;
        }
        return reaper;
    }
}
