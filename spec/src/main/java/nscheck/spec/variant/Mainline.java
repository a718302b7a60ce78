package nscheck.spec.variant;

import nscheck.spec.call.Errno;
import nscheck.spec.state.FutexWordLayout;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.state.PidRef;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Task;
import nscheck.spec.state.UsedNumbers;

/** Today's Linux (about 6.14 to 7.x): the reference the differential runner checks against the kernel. */
public class Mainline implements Variant {
    public static final Mainline INSTANCE = new Mainline();

    @Override
    public String name() {
        return "mainline";
    }

    @Override
    public String summary() {
        return "today's Linux: hierarchical struct pid, one number per level (2.6.24 onwards)";
    }

    @Override
    public PidAllocation allocPid(Kernel k, int targetNs) {
        PidNamespace target = k.ns(targetNs);
        int levels = target.level() + 1;
        int[] ns = new int[levels];
        int[] nr = new int[levels];
        Kernel cur = k;
        // Innermost level first, each level independent (alloc_pid's loop from ns->level down to 0).
        for (int level = target.level(), n = targetNs; level >= 0; level--, n = cur.ns(n).parent()) {
            int got = allocateAt(cur, n);
            if (got < 0) return failed(cur, targetNs, Errno.EAGAIN);
            cur = cur.withNamespace(n, cur.ns(n).withCursor(got + 1));
            ns[level] = n;
            nr[level] = got;
        }
        // The PIDNS_ADDING test comes after numbering, so a fork into a dead namespace still moves cursors.
        if (!cur.ns(targetNs).adding()) return failed(cur, targetNs, Errno.ENOMEM);
        return new PidAllocation(cur, ns, nr, null);
    }

    /** alloc_pid's out_free: a namespace whose first allocation failed starts again at 1. */
    private static PidAllocation failed(Kernel k, int targetNs, Errno errno) {
        PidNamespace t = k.ns(targetNs);
        if (t.adding() && !anyNumberIn(k, targetNs))
            k = k.withNamespace(targetNs, t.withCursor(0));
        return PidAllocation.failed(k, errno);
    }

    private static boolean anyNumberIn(Kernel k, int ns) {
        for (int i = 0; i < k.taskSlots(); i++) {
            Task t = k.task(i);
            if (t != null && t.hasNumberIn(ns)) return true;
        }
        return false;
    }

    /**
     * idr_alloc_cyclic(idr, NULL, pid_min, pid_max): the lowest free number from the cursor up
     * to pid_max - 1, then once more from pid_min. pid_min is 1 until the cursor passes
     * RESERVED_PIDS, so init gets 1 and a wrap restarts at 300. Returns -1 when full.
     */
    @Override
    public int allocateAt(Kernel k, int nsSlot) {
        PidNamespace ns = k.ns(nsSlot);
        int min = ns.cursor() > Limits.RESERVED_PIDS ? Limits.RESERVED_PIDS : 1;
        int start = Math.max(ns.cursor(), min);
        int got = lowestFree(k, nsSlot, start, ns.pidMax() - 1);
        if (got < 0 && start > min) got = lowestFree(k, nsSlot, min, ns.pidMax() - 1);
        return got;
    }

    protected int lowestFree(Kernel k, int ns, int from, int to) {
        long held = UsedNumbers.heldByTasks(k, ns); // one walk of the tasks for the numbers a task holds, not one per number
        for (int nr = from; nr <= to; nr++) if (!UsedNumbers.inUse(k, held, ns, nr)) return nr;
        return -1;
    }

    @Override
    public int translate(Kernel k, int slot, int ns) {
        Task t = k.task(slot);
        return t == null ? 0 : t.numberIn(ns);
    }

    @Override
    public int lookup(Kernel k, int ns, int nr) {
        return k.holderOf(ns, nr);
    }

    @Override
    public int reaper(Kernel k, int father) {
        Task f = k.task(father);
        // find_child_reaper has run already (ExitRules.doExit): a dying init's role went to a live
        // thread of its group, or the namespace was zapped and this is not asked. Were a dying init
        // asked, the path below answers as the kernel does: a live thread of its group, else the
        // init itself (its parent is in an ancestor namespace, so the subreaper walk stops at once).
        // find_alive_thread: a live thread of the father's own group comes first (P7).
        int group = f.hasLeader() ? f.leader : father;
        for (int i : k.groupMembers(group)) { // for_each_thread: the leader, then threads oldest first (not slot order: TaskSymmetry)
            if (i != father && k.task(i).alive()) return i;
        }
        return reaperBeyondGroup(k, father);
    }

    /**
     * find_new_reaper once no thread of the father's group lives: the nearest living subreaper
     * above the father in the father's own namespace (compared by pid level, since a
     * setns()+fork() father may sit below it), else that namespace's child_reaper, even while it
     * is exiting (kernel/exit.c). Only this half is namespace-aware: seeded-global-reaper
     * overrides it and nothing else.
     */
    protected int reaperBeyondGroup(Kernel k, int father) {
        Task f = k.task(father);
        // (Bounded by the number of slots: a broken variant may have made the parent chain a cycle.)
        int hops = 0;
        for (int r = f.parent; k.task(r) != null && k.task(r).level() == f.level() && hops++ < k.taskSlots(); r = k.task(r).parent) {
            Task candidate = k.task(r);
            if (candidate.subreaper && candidate.alive()) return r;
        }
        return k.ns(f.activeNs()).childReaper();
    }

    @Override
    public boolean zapReaches(Kernel k, int ns, int slot) {
        return k.task(slot).hasNumberIn(ns);
    }

    @Override
    public boolean dropsSignalToInit(Kernel k, int sender, int target, int sig) {
        if (!k.groupIsChildReaper(target)) return false;
        // Only SIGKILL/SIGSTOP from an ancestor namespace (the sender has no number in the
        // target's namespace) are forced through; with SIG_DFL everything else is dropped.
        boolean fromAncestor = !k.task(sender).hasNumberIn(k.task(target).activeNs());
        boolean kernelOnly = sig == Signals.SIGKILL || sig == Signals.SIGSTOP;
        return !(fromAncestor && kernelOnly);
    }

    // ---- signals, SysV IPC, socket credentials, user namespaces (issue 4) ----

    @Override
    public int pidVnr(Kernel k, PidRef ref, int ns) {
        // pid_nr_ns: numbers[ns->level] if it is in ns; it does not ask whether the pid is still attached (I3).
        PidNamespace n = k.ns(ns);
        if (ref == null || n == null || n.level() > ref.level() || ref.nsAtLevel(n.level()) != ns) return 0;
        return ref.numberAtLevel(n.level());
    }

    @Override
    public int siginfoPid(Kernel k, int sender, int target) {
        // prepare_kill_siginfo: task_tgid_vnr(current), the sender's number in its own namespace;
        // send_signal_locked: 0 if the sender has no number in the target's namespace (P10).
        Task s = k.task(sender);
        if (!s.hasNumberIn(k.task(target).activeNs())) return 0;
        // Not translated into the target's namespace: a sender whose number the target can see
        // but by another number (a container init signalling its parent's process group) is
        // reported by its own inner number. P10 reads so, and `nscheck conform` confirmed it on
        // Linux 6.18 (ConformanceTest.aContainerInitSignallingItsGroupIsReportedByItsOwnNumber).
        Task group = s.hasLeader() ? k.task(s.leader) : s;
        return group.innermostNumber();
    }

    @Override
    public int fromKernelId(Kernel k, int userNs, int kid, boolean group) {
        return k.objects().userNs(userNs).fromKernel(kid, group);
    }

    @Override
    public boolean newIpcDropsUndo() {
        return true;
    }

    @Override
    public boolean credChangeMovesNproc() {
        return true;
    }

    // ---- futexes (docs/semantics.md, futexes) ----

    /** task_pid_vnr as seen from the writer: the number of the owner in the writer's active namespace (F3, F4, F5). */
    @Override
    public int futexEncodeOwner(Kernel k, int owner, int writer) {
        return translate(k, owner, k.task(writer).activeNs()) & FutexWordLayout.TID_MASK;
    }

    /** find_get_task_by_vpid: the TID is looked up in the caller's active namespace (F3, F6). */
    @Override
    public int futexLookupOwner(Kernel k, int caller, int tid) {
        return lookup(k, k.task(caller).activeNs(), tid);
    }

    /** futex_wait_setup compares the word under the hash-bucket lock: sleep only if it still holds the expected value (F1). */
    @Override
    public boolean futexWaitSleeps(int current, int expected) {
        return current == expected;
    }
}
