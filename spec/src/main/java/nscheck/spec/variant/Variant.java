package nscheck.spec.variant;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidRef;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Task;

/**
 * A semantics variant: the answers to the questions where PID-identity proposals differ. The
 * rules in {@link Semantics} are written once and ask the variant; a proposal overrides only
 * the answers it changes. {@link Mainline} is today's Linux and the reference.
 */
public interface Variant {
    String name();

    /** One line: what the variant is and where it comes from. */
    String summary();

    /** True for variants that exist to prove a check can fail, not to describe a proposal. */
    default boolean seededBug() {
        return false;
    }

    /** alloc_pid (kernel/pid.c): number a new task in {@code targetNs} and every ancestor (P3). */
    PidAllocation allocPid(Kernel k, int targetNs);

    /**
     * idr_alloc_cyclic in one namespace (kernel/pid.c alloc_pid, one level): the number a plain
     * fork would take in {@code nsSlot} from its cursor, or -1 when none is free (P3). clone3's
     * set_tid numbers the levels it does not cover with it.
     */
    int allocateAt(Kernel k, int nsSlot);

    /** pid_nr_ns: the number by which {@code ns} knows task {@code slot}, 0 if it cannot see it (P2). */
    int translate(Kernel k, int slot, int ns);

    /** find_pid_ns: the task that {@code nr} names in {@code ns}, -1 if none (P11). */
    int lookup(Kernel k, int ns, int nr);

    /** find_child_reaper / find_new_reaper (kernel/exit.c): who adopts the children of {@code father} (P7). */
    int reaper(Kernel k, int father);

    /** zap_pid_ns_processes: does the death of the init of {@code ns} send SIGKILL to {@code slot} (P6)? */
    boolean zapReaches(Kernel k, int ns, int slot);

    /** sig_task_ignored: is {@code sig} from {@code sender} dropped because the target is an unkillable init (P9)? */
    boolean dropsSignalToInit(Kernel k, int sender, int target, int sig);

    // ---- signals, SysV IPC, socket credentials, user namespaces (issue 4) ----

    /** pid_nr_ns(ref, ns) of a stored struct pid reference: msg_lspid, sempid, shm_cpid, SCM/peer pids (I1, C3, C4). */
    int pidVnr(Kernel k, PidRef ref, int ns);

    /** si_pid of a signal from {@code sender} as {@code target} will read it (P10). */
    int siginfoPid(Kernel k, int sender, int target);

    /** send_signal_locked for a siginfo the sender made (rt_sigqueueinfo, P10b): its si_pid as written, 0 if the sender has no number in the target's namespace. */
    default int siginfoClaimedPid(Kernel k, int sender, int target, int claimed) {
        return k.task(sender).hasNumberIn(k.task(target).activeNs()) ? claimed : 0;
    }

    /** SO_PEERCRED's pid (sk_getsockopt -> cred_to_ucred): pid_vnr of sk_peer_pid in the reader's namespace, at read time (C4). */
    default int peercredPid(Kernel k, PidRef peer, int readerNs) {
        return pidVnr(k, peer, readerNs);
    }

    /** waitid's si_pid (wait_task_zombie): task_pid_nr_ns(child, task_active_pid_ns(waiter)), as waitpid's return. */
    default int waitidPid(Kernel k, int child, int readerNs) {
        return translate(k, child, readerNs);
    }

    /** from_kuid_munged / from_kgid_munged: the id {@code userNs} sees for kernel id {@code kid} (C3, P10, I4). */
    int fromKernelId(Kernel k, int userNs, int kid, boolean group);

    /** Does unshare(CLONE_NEWIPC) run exit_sem and start an empty undo list (I9)? */
    boolean newIpcDropsUndo();

    /** Does commit_creds move the RLIMIT_NPROC charge when the real uid or the user namespace changes (U3)? */
    boolean credChangeMovesNproc();

    // ---- futexes (docs/semantics.md, futexes) ---------------------------------------------

    /**
     * The TID bits the kernel writes into a PI word to name {@code owner} when it runs in the
     * context of {@code writer}: the caller's own vpid on FUTEX_LOCK_PI (F3), the new owner's
     * vnr in the unlocker's namespace on hand-off (F4), and what exit_robust_list compares
     * against when {@code owner == writer} dies (F5). 0 when the writer cannot name the owner.
     */
    int futexEncodeOwner(Kernel k, int owner, int writer);

    /** attach_to_pi_owner: the task the TID bits of a PI word name for {@code caller} (F3); -1 if none. */
    int futexLookupOwner(Kernel k, int caller, int tid);

    /** futex_wait_setup: does FUTEX_WAIT sleep when the word holds {@code current} and the caller expected {@code expected} (F1)? */
    boolean futexWaitSleeps(int current, int expected);

    // ---- proposals (docs/semantics.md, proposals); defaults are mainline's answers ----

    /** copy_process: does the new task become the child_reaper of its namespace? Mainline: its innermost number is 1 (P5). */
    default boolean startsNamespace(Task child) {
        return child.innermostNumber() == 1;
    }

    /**
     * clone3 with set_tid (S1-S3): number a new task in {@code targetNs} and its ancestors with
     * {@code setTid[0]} for the innermost level and later entries outward; uncovered levels
     * allocate as usual. {@code capsFromLevel} is the shallowest level whose owning user
     * namespace the caller holds CAP_CHECKPOINT_RESTORE (or CAP_SYS_ADMIN) in, derived from its
     * credentials (CapabilityRules.capsFromLevel, K1).
     */
    default PidAllocation allocSetTid(Kernel k, int targetNs, int[] setTid, int capsFromLevel) {
        return SetTid.allocate(this, k, targetNs, setTid, capsFromLevel);
    }

    /**
     * clone_with_pids (H4): {@code pids[0]} for init_pid_ns and later entries inward, 0 to
     * allocate. Not in mainline: ENOSYS. {@code callerLevel} is the level of the caller's own
     * PID namespace.
     */
    default PidAllocation allocPidSet(Kernel k, int targetNs, int[] pids, int capsFromLevel, int callerLevel) {
        return PidAllocation.failed(k, Errno.ENOSYS);
    }

    /** The system call clone_with_pids exists (H4). Not in mainline: sys_ni_syscall answers ENOSYS before any check. */
    default boolean hasCloneWithPids() {
        return false;
    }

    /**
     * The call a restorer (or an attacker) makes to get a child numbered {@code wanted} at each
     * level, outermost first, 0 where it does not care. Mainline: clone3 with set_tid covering
     * the innermost levels that were asked for.
     */
    default Syscall choosePidsCall(int flags, int[] wanted) {
        int first = 0;
        while (first < wanted.length && wanted[first] == 0) first++;
        java.util.List<Integer> setTid = new java.util.ArrayList<>();
        for (int i = wanted.length - 1; i >= first; i--) setTid.add(wanted[i]);
        return new Syscall.Clone3(flags, setTid);
    }

    /** Which identifiers namespaces get (N1, N3, N4). Mainline: the 64-bit ns_id. */
    default NamespaceIds namespaceIds() {
        return NamespaceIds.NS_ID_64;
    }

    /**
     * proc_free_inum (N1): is a PID namespace's inode number given back when its init dies, while
     * a file may still hold the namespace? Mainline: no, only when its last reference is put.
     */
    default boolean nsInumFreedWithInit() {
        return false;
    }

    /**
     * The namespaces a clone or unshare with {@code flags} makes. Mainline: the ones asked for.
     * container-bit (H2): CLONE_NEWPID makes a container, so it brings new IPC and user
     * namespaces too (and a mount namespace, which the spec has not).
     */
    default int cloneFlags(int flags) {
        return flags;
    }

    /** pid_ns_ctl_handler: does a write to ns_last_pid need checkpoint_restore_ns_capable (K1)? Mainline: yes. */
    default boolean nsLastPidChecksCapability() {
        return true;
    }

    /**
     * pid_task of a pidfd's struct pid (D2, D3): the task it names, -1 once that task is reaped.
     * Mainline: the pidfd's own struct pid, which never gets a task again, whoever takes its numbers.
     */
    default int pidfdTask(Kernel k, nscheck.spec.state.OpenFile.Pidfd f) {
        return f.reaped() ? -1 : f.pid().holder(k);
    }

    /**
     * pidns_get_parent (fs/nsfs.c NS_GET_PARENT; N7): may a task whose active PID namespace is
     * {@code active} be handed a file of {@code parent}? Mainline: only if it is that namespace or below it.
     */
    default boolean nsParentVisible(Kernel k, int parent, int active) {
        return k.isSelfOrDescendant(parent, active);
    }

    /** execns (H3): a new PID namespace only at exec; unshare(CLONE_NEWPID) is refused. */
    default boolean unshareOnlyAtExec() {
        return false;
    }

    // ---- async I/O owners (fs/fcntl.c, A2, A4); defaults are mainline's answers ----

    /** f_getown: pid_vnr of the owner {@code ref} in {@code ns}, 0 if it has no number there (A2). */
    default int fownNr(Kernel k, PidRef ref, int ns) {
        return pidVnr(k, ref, ns);
    }

    /** si_pid of a plain SIGIO (send_sigio_to_task, SEND_SIG_PRIV): the kernel sends it, so 0 whoever wrote (A4). */
    default int sigioPid(Kernel k, int writer, int owner) {
        return 0;
    }

    // ---- POSIX message queues (ipc/mqueue.c, Q3) ----

    /** __do_notify: si_pid of the notification, the sender's TGID in the registrant's PID namespace (task_tgid_nr_ns), 0 if invisible (Q3). */
    default int mqNotifyPid(Kernel k, int sender, int owner) {
        // ns_of_pid(notify_owner): the registrant's own PID namespace, whatever the sender's view
        // of itself (not prepare_kill_siginfo's task_tgid_vnr; found by `nscheck conform`)
        return translate(k, k.groupLeader(sender), k.task(owner).activeNs());
    }

    // ---- kernel threads of init_pid_ns (kernel/signal.c, Kthreads) ----

    /**
     * sig_task_ignored for a kernel thread: does {@code sig} (past the permission check) reach it
     * and act? Mainline: never, SIGKILL included (every handler SIG_IGN after kthreadd's
     * ignore_signals, or SIG_KTHREAD_KERNEL and the signal not forced).
     */
    default boolean kthreadTakesSignal(int sig) {
        return false;
    }

    // ---- /proc views (fs/proc, V1-V4) ----

    /** proc_self_get_link: the reader's TGID (or, for thread-self, its TID) in the PID namespace of the reader's proc, 0 if none (V2). */
    default int procSelfPid(Kernel k, int reader, boolean thread) {
        return translate(k, thread ? reader : k.groupLeader(reader), k.task(reader).procNs);
    }

    /** task_state: the level the NSpid line starts at, the level of the proc's own PID namespace (ns->level), whoever reads (V3). */
    default int nspidStartLevel(Kernel k, int reader) {
        return k.ns(k.task(reader).procNs).level();
    }

    // ---- job control (kernel/signal.c, kernel/exit.c, J1-J5) ----

    /**
     * do_notify_parent_cldstop's si_pid and the PID wait_task_stopped and wait_task_continued
     * return: the child's number in the reader's (the parent's) namespace (J4).
     */
    default int stoppedChildPid(Kernel k, int child, int readerNs) {
        return translate(k, child, readerNs);
    }

    /** si_pid of the SIGHUP and SIGCONT the kernel sends an orphaned group from the exiting task {@code current}: SEND_SIG_PRIV, 0 (J5). */
    default int orphanSignalPid(Kernel k, int current, int member) {
        return 0;
    }

    // ---- handlers (kernel/signal.c, P21) ----

    /** The si_pid an SA_SIGINFO handler receives: the one the siginfo was queued with (P10), untouched on its way to the handler. */
    default int handlerSiPid(Kernel k, nscheck.spec.state.SigInfo info) {
        return info.siPid();
    }
}
