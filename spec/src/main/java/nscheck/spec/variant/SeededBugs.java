package nscheck.spec.variant;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidRef;

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

    /** Breaks orphan-reaper: orphans go to the root init, as before PID namespaces and subreapers (a living thread of the group still first, P7). */
    public static final Variant GLOBAL_REAPER = new Mainline() {
        @Override public String name() { return "seeded-global-reaper"; }
        @Override public String summary() { return "seeded bug: orphans go to the root init, never to a subreaper or their namespace's init (breaks orphan-reaper)"; }
        @Override public boolean seededBug() { return true; }
        @Override protected int reaperBeyondGroup(Kernel k, int father) { return Kernel.ROOT_INIT; }
    };

    // ---- signals, SysV IPC, socket credentials, user namespaces (issue 4) ----

    /** Breaks reported-pid (and isolation): si_pid is not cleared when the sender is invisible to the receiver (P10). */
    public static final Variant LEAKY_SIGINFO = new Mainline() {
        @Override public String name() { return "seeded-leaky-siginfo"; }
        @Override public String summary() { return "seeded bug: si_pid keeps the sender's own number across a namespace boundary (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int siginfoPid(Kernel k, int sender, int target) { return k.task(sender).innermostNumber(); }
    };

    /** Breaks reported-pid: stored struct pids are reported by their root-namespace number, as if stored raw (I1). */
    public static final Variant RAW_STORED_PID = new Mainline() {
        @Override public String name() { return "seeded-raw-stored-pid"; }
        @Override public String summary() { return "seeded bug: IPC and socket pids reported by their global number, not pid_vnr (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int pidVnr(Kernel k, PidRef ref, int ns) { return ref == null ? 0 : ref.numberAtLevel(0); }
    };

    /** Breaks uid-mapping: kernel uids are handed out unmapped (C3). */
    public static final Variant RAW_UIDS = new Mainline() {
        @Override public String name() { return "seeded-raw-uids"; }
        @Override public String summary() { return "seeded bug: uids cross user namespaces unmapped (breaks uid-mapping)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int fromKernelId(Kernel k, int userNs, int kid, boolean group) { return kid; }
    };

    /**
     * Breaks uid-mapping: every nonzero uid reads as the overflow uid, even where the reader's
     * user namespace maps it (C3, P10), as if from_kuid_munged never found a mapping.
     */
    public static final Variant OVERFLOW_UIDS = new Mainline() {
        @Override public String name() { return "seeded-overflow-uids"; }
        @Override public String summary() { return "seeded bug: every nonzero uid read across user namespaces is the overflow uid 65534 (breaks uid-mapping)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int fromKernelId(Kernel k, int userNs, int kid, boolean group) {
            return kid == 0 ? super.fromKernelId(k, userNs, kid, group) : UserNamespace.OVERFLOW_ID;
        }
    };

    /** Breaks undo-own-namespace: unshare(CLONE_NEWIPC) keeps the undo list and clone(CLONE_NEWIPC|CLONE_SYSVSEM) is allowed (I9). */
    public static final Variant UNDO_CROSSES_IPC_NS = new Mainline() {
        @Override public String name() { return "seeded-undo-crosses-ipcns"; }
        @Override public String summary() { return "seeded bug: a new IPC namespace keeps the old undo list (breaks undo-own-namespace)"; }
        @Override public boolean seededBug() { return true; }
        @Override public boolean newIpcDropsUndo() { return false; }
    };

    /** Breaks nproc-exact: a change of real uid or user namespace leaves the RLIMIT_NPROC charge where it was (U3). */
    public static final Variant STUCK_NPROC = new Mainline() {
        @Override public String name() { return "seeded-stuck-nproc"; }
        @Override public String summary() { return "seeded bug: setuid and unshare(CLONE_NEWUSER) do not move the process count (breaks nproc-exact)"; }
        @Override public boolean seededBug() { return true; }
        @Override public boolean credChangeMovesNproc() { return false; }
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

    /**
     * Breaks no-unprivileged-pid-choice: pid_ns_ctl_handler without its
     * checkpoint_restore_ns_capable check, so any task may write ns_last_pid and have its next
     * fork take the number it chose (K1; the check came with the sysctl in 3.3).
     */
    public static final Variant NS_LAST_PID_NOCAP = new Mainline() {
        @Override public String name() { return "seeded-ns-last-pid-nocap"; }
        @Override public String summary() { return "seeded bug: anyone may write ns_last_pid (breaks no-unprivileged-pid-choice)"; }
        @Override public boolean seededBug() { return true; }
        @Override public boolean nsLastPidChecksCapability() { return false; }
    };

    // ---- async I/O owners (fs/fcntl.c, issue 19 item 5) ----

    /** Breaks reported-pid: F_GETOWN reports the owner by its root-namespace number, pid_nr instead of pid_vnr (A2). */
    public static final Variant FOWN_GLOBAL = new Mainline() {
        @Override public String name() { return "seeded-fown-global"; }
        @Override public String summary() { return "seeded bug: F_GETOWN reports the owner's global PID, not pid_vnr (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int fownNr(Kernel k, PidRef ref, int ns) { return ref.numberAtLevel(0); }
    };

    /** Breaks reported-pid: a plain SIGIO carries the writer's PID as the owner sees it, as a kill() would, not the kernel's 0 (A4). */
    public static final Variant SIGIO_WRITER_PID = new Mainline() {
        @Override public String name() { return "seeded-sigio-writer-pid"; }
        @Override public String summary() { return "seeded bug: SIGIO's si_pid names the pipe's writer instead of 0 (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int sigioPid(Kernel k, int writer, int owner) { return translate(k, writer, k.task(owner).activeNs()); }
    };

    // ---- POSIX message queues (ipc/mqueue.c, issue 19 item 4) ----

    /** Breaks reported-pid: mq_notify's signal carries the sender's global PID (task_tgid_nr), not its number in the registrant's namespace (Q3). */
    public static final Variant MQ_GLOBAL_PID = new Mainline() {
        @Override public String name() { return "seeded-mq-global-pid"; }
        @Override public String summary() { return "seeded bug: mq_notify's si_pid is the sender's global PID (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int mqNotifyPid(Kernel k, int sender, int owner) { return k.task(sender).numberAtLevel(0); }
    };

    /**
     * Breaks pidfd-stable: a pidfd resolved by the numbers its process had, as a PID would be, so
     * once the process is reaped and its numbers handed out again the pidfd reaches the new task
     * (the PID-reuse race pidfds exist to close; kernel/pid.c pid_task on the pidfd's own struct pid).
     */
    public static final Variant PIDFD_BY_NUMBER = new Mainline() {
        @Override public String name() { return "seeded-pidfd-by-number"; }
        @Override public String summary() { return "seeded bug: a pidfd follows its process's numbers after reaping (breaks pidfd-stable)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int pidfdTask(Kernel k, OpenFile.Pidfd f) { return f.pid().holder(k); }
    };

    /**
     * Breaks ns-file-scope: NS_GET_PARENT without pidns_get_parent's walk to the caller's active
     * namespace, so a task inside a container gets a file of the namespace above it, and with it
     * setns(2) and the ioctls over every task there (fs/nsfs.c; N7).
     */
    public static final Variant NS_PARENT_UNCHECKED = new Mainline() {
        @Override public String name() { return "seeded-ns-parent-unchecked"; }
        @Override public String summary() { return "seeded bug: NS_GET_PARENT hands out any parent PID namespace (breaks ns-file-scope)"; }
        @Override public boolean seededBug() { return true; }
        @Override public boolean nsParentVisible(Kernel k, int parent, int active) { return true; }
    };

    /**
     * Breaks reported-pid: send_signal_locked keeps a caller-made si_pid even when the sender has
     * no number in the target's namespace, so a task outside a container can make its signals
     * look as if they came from any task inside (P10b: the kernel writes 0 there).
     */
    public static final Variant FORGED_PID_KEPT = new Mainline() {
        @Override public String name() { return "seeded-forged-pid-kept"; }
        @Override public String summary() { return "seeded bug: rt_sigqueueinfo's si_pid kept from an invisible sender (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int siginfoClaimedPid(Kernel k, int sender, int target, int claimed) { return claimed; }
    };

    /**
     * Breaks reported-pid (and isolation): SO_PEERCRED reports the number the creator had in its
     * own namespace when the pair was made, to every reader, as the kernel did before
     * sk_peer_pid became a struct pid reference (C4): a child namespace reads its parent's number.
     */
    public static final Variant PEERCRED_FROZEN = new Mainline() {
        @Override public String name() { return "seeded-peercred-frozen"; }
        @Override public String summary() { return "seeded bug: SO_PEERCRED's pid frozen as the creator saw it, not translated for the reader (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int peercredPid(Kernel k, PidRef peer, int readerNs) { return peer == null ? 0 : peer.numberAtLevel(peer.level()); }
    };

    // ---- sessions and wait status (kernel/exit.c, issue 19 item 3) ----

    /** Breaks reported-pid: waitid's si_pid is the child's root-namespace number, as if wait_task_zombie used pid_nr (issue 19). */
    public static final Variant RAW_WAITID_PID = new Mainline() {
        @Override public String name() { return "seeded-raw-waitid-pid"; }
        @Override public String summary() { return "seeded bug: waitid's si_pid is the child's global number (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int waitidPid(Kernel k, int child, int readerNs) { return k.task(child).numberAtLevel(0); }
    };

    // ---- /proc views (fs/proc, issue 19 item 6) ----

    /** Breaks reported-pid: /proc/self and /proc/thread-self name the reader by its global number, not the one in its proc's namespace (V2). */
    public static final Variant PROC_SELF_GLOBAL = new Mainline() {
        @Override public String name() { return "seeded-proc-self-global"; }
        @Override public String summary() { return "seeded bug: /proc/self shows the reader's global PID (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int procSelfPid(Kernel k, int reader, boolean thread) { return k.task(thread ? reader : k.groupLeader(reader)).numberAtLevel(0); }
    };

    /** Breaks reported-pid: the NSpid line starts at the reader's own level, not at the level of the proc's namespace (V3). */
    public static final Variant NSPID_READER_LEVEL = new Mainline() {
        @Override public String name() { return "seeded-nspid-reader-level"; }
        @Override public String summary() { return "seeded bug: /proc/N/status's NSpid starts at the reader's level (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int nspidStartLevel(Kernel k, int reader) { return k.task(reader).level(); }
    };

    // ---- job control (kernel/signal.c, kernel/exit.c, J1-J5) ----

    /** Breaks reported-pid: a stopped or continued child is reported (SIGCHLD's si_pid, WUNTRACED's PID) by its global number (J4). */
    public static final Variant CLDSTOP_GLOBAL_PID = new Mainline() {
        @Override public String name() { return "seeded-cldstop-global-pid"; }
        @Override public String summary() { return "seeded bug: a stopped or continued child is reported by its global PID (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int stoppedChildPid(Kernel k, int child, int readerNs) { return k.task(child).numberAtLevel(0); }
    };

    /** Breaks reported-pid: the kernel's SIGHUP and SIGCONT to an orphaned group carry the exiting task's PID instead of 0 (J5). */
    public static final Variant ORPHAN_SIGNAL_PID = new Mainline() {
        @Override public String name() { return "seeded-orphan-signal-pid"; }
        @Override public String summary() { return "seeded bug: an orphaned group's SIGHUP names the exiting task (breaks reported-pid)"; }
        @Override public boolean seededBug() { return true; }
        @Override public int orphanSignalPid(Kernel k, int current, int member) { return translate(k, current, k.task(member).activeNs()); }
    };

    public static final List<Variant> ALL = List.of(NO_IN_USE_CHECK, FLAT_LEVELS, GLOBAL_LOOKUP, LEAKY_TRANSLATE, SHALLOW_ZAP, GLOBAL_REAPER,
            WAIT_WITHOUT_COMPARE, ANONYMOUS_OWNER,
            LEAKY_SIGINFO, RAW_STORED_PID, RAW_UIDS, OVERFLOW_UIDS, UNDO_CROSSES_IPC_NS, STUCK_NPROC, NS_LAST_PID_NOCAP,
            FOWN_GLOBAL, SIGIO_WRITER_PID,
            MQ_GLOBAL_PID, RAW_WAITID_PID,
            PIDFD_BY_NUMBER, NS_PARENT_UNCHECKED, FORGED_PID_KEPT, PEERCRED_FROZEN,
            KthreadBugs.KILLABLE,
            NsNameBugs.INUM_FREED_WITH_INIT,
            PROC_SELF_GLOBAL, NSPID_READER_LEVEL,
            CLDSTOP_GLOBAL_PID, ORPHAN_SIGNAL_PID,
            HandlerBugs.GLOBAL_PID);
}
