package nscheck.spec;

import java.util.List;

/**
 * Deliberately wrong variants, one per invariant, each changing a single answer of
 * {@link Mainline}. They exist so that every check is shown to be able to fail: a check no
 * variant can violate is a defect. Each names the invariant it is built to break.
 */
public final class SeededBugs {
    private SeededBugs() {}

    /** Breaks pid-unique: the cyclic search takes the cursor's number without asking whether it is free. */
    public static final Variant NO_IN_USE_CHECK = new Mainline() {
        @Override public String name() { return "seeded-no-in-use-check"; }
        @Override public String summary() { return "seeded bug: allocation ignores numbers in use (breaks pid-unique)"; }
        @Override public boolean seededBug() { return true; }
        @Override protected int lowestFree(Kernel k, int ns, int from, int to) { return from <= to ? from : -1; }
    };

    /** Breaks pid-visibility: every level below the root is recorded in the new task's own namespace. */
    public static final Variant FLAT_LEVELS = new Mainline() {
        @Override public String name() { return "seeded-flat-levels"; }
        @Override public String summary() { return "seeded bug: intermediate levels numbered in the wrong namespace (breaks pid-visibility)"; }
        @Override public boolean seededBug() { return true; }
        @Override public PidAllocation allocPid(Kernel k, int targetNs) {
            PidAllocation a = super.allocPid(k, targetNs);
            if (!a.ok()) return a;
            int[] ns = a.upidNs().clone();
            for (int level = 1; level < ns.length; level++) ns[level] = targetNs;
            return new PidAllocation(a.kernel(), ns, a.upidNr(), null);
        }
    };

    /** Breaks pid-round-trip: a number is looked up as if it were a root-namespace PID. */
    public static final Variant GLOBAL_LOOKUP = new Mainline() {
        @Override public String name() { return "seeded-global-lookup"; }
        @Override public String summary() { return "seeded bug: find_pid_ns ignores the namespace (breaks pid-round-trip)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int lookup(Kernel k, int ns, int nr) { return k.holderOf(Kernel.ROOT_NS, nr); }
    };

    /** Breaks isolation: a task the caller cannot see is reported by its root-namespace PID, not 0. */
    public static final Variant LEAKY_TRANSLATE = new Mainline() {
        @Override public String name() { return "seeded-leaky-translate"; }
        @Override public String summary() { return "seeded bug: invisible tasks reported by their global PID (breaks isolation)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int translate(Kernel k, int slot, int ns) {
            int nr = super.translate(k, slot, ns);
            return nr != 0 || k.task(slot) == null ? nr : k.task(slot).numberAtLevel(0);
        }
    };

    /** Breaks init-kills-namespace: the dying init kills its own namespace but not the ones below it. */
    public static final Variant SHALLOW_ZAP = new Mainline() {
        @Override public String name() { return "seeded-shallow-zap"; }
        @Override public String summary() { return "seeded bug: init death spares nested namespaces (breaks init-kills-namespace)"; }
        @Override public boolean seededBug() { return true; }
        @Override public boolean zapReaches(Kernel k, int ns, int slot) { return k.task(slot).activeNs() == ns; }
    };

    /** Breaks orphan-reaper: orphans always go to the root init, as before PID namespaces and subreapers. */
    public static final Variant GLOBAL_REAPER = new Mainline() {
        @Override public String name() { return "seeded-global-reaper"; }
        @Override public String summary() { return "seeded bug: every orphan goes to the root init (breaks orphan-reaper)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int reaper(Kernel k, int father) {
            return k.isChildReaper(father) ? father : Kernel.ROOT_INIT;
        }
    };

    /** Breaks no-lost-wakeup: FUTEX_WAIT sleeps without comparing the word, so a wake sent before it is lost (F1). */
    public static final Variant WAIT_WITHOUT_COMPARE = new Mainline() {
        @Override public String name() { return "seeded-wait-without-compare"; }
        @Override public String summary() { return "seeded bug: FUTEX_WAIT sleeps whatever the word holds (breaks no-lost-wakeup)"; }
        @Override public boolean seededBug() { return true; }
        @Override public boolean futexWaitSleeps(int current, int expected) { return true; }
    };

    /**
     * Breaks mutual-exclusion: the kernel names a PI owner by 0 to every task but the owner itself,
     * so a hand-off writes no TID (F4) and a second contender's check of the word against the
     * pi_state owner fails EINVAL (F3), which glibc's pthread_mutex_lock ignores.
     */
    public static final Variant ANONYMOUS_OWNER = new Mainline() {
        @Override public String name() { return "seeded-anonymous-owner"; }
        @Override public String summary() { return "seeded bug: a PI owner's TID is 0 to everyone but itself (breaks mutual-exclusion)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int futexEncodeOwner(Kernel k, int owner, int writer) {
            return owner == writer ? super.futexEncodeOwner(k, owner, writer) : 0;
        }
    };

    public static final List<Variant> ALL = List.of(NO_IN_USE_CHECK, FLAT_LEVELS, GLOBAL_LOOKUP, LEAKY_TRANSLATE, SHALLOW_ZAP, GLOBAL_REAPER,
            WAIT_WITHOUT_COMPARE, ANONYMOUS_OWNER);
}
