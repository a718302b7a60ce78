package nscheck.spec.state;

import nscheck.spec.call.Signals;

import java.util.Arrays;

/**
 * A process (one thread group) as the kernel sees it. Its identity across namespaces is a struct
 * pid: one (namespace, number) pair per level from the root (level 0) down to its own active
 * namespace (P2). Tasks are values: every change makes a new Task.
 */
public final class Task {
    private final int[] upidNs;
    private final int[] upidNr;
    /** Slot of real_parent, or -1 for the root init. */
    public final int parent;
    public final TaskState state;
    /** pid_ns_for_children: where the next child is numbered (P12, P13); -1 once the task is dead. */
    public final int nsForChildren;
    /** prctl(PR_SET_CHILD_SUBREAPER) was called. */
    public final boolean subreaper;
    /** A fatal signal sent but not yet acted on (0 = none): the task makes no more calls. */
    public final int pendingSignal;
    /** Slot of the thread-group leader for a thread made by clone(CLONE_THREAD); -1 for a leader (its TGID is its own pid). */
    public final int leader;
    /** The robust futex list exit_robust_list walks when the thread exits (F5). */
    public final RobustList robustList;
    /**
     * signal->group_exit_code / exit_code as wait reports it (kernel/exit.c): {@code (n & 0xff) << 8}
     * after exit(n), the signal number after a fatal signal; 0 while the task lives.
     */
    public final int exitCode;
    /**
     * The PID namespace the proc of the task's mount namespace shows (proc_pid_ns of its /proc,
     * V1): the root's at boot, inherited at fork, the task's active one after it mounts proc in a
     * new mount namespace; -1 once dead (exit_task_namespaces drops the mount namespace).
     */
    public final int procNs;
    /**
     * Job control (kernel/signal.c, J1-J4): {@link #STOPPED} while the process is in a group stop
     * (SIGNAL_STOP_STOPPED), {@link #STOP_UNREPORTED} while its stop awaits a WUNTRACED wait
     * (group_exit_code set), {@link #CONT_UNREPORTED} while a continue awaits a WCONTINUED wait
     * (SIGNAL_STOP_CONTINUED); kept alike in every thread of the process, 0 once dead. Whether a
     * thread blocks SIGHUP or SIGCONT is its one signal mask, TaskContext.blocked (J5).
     */
    public final int jobctl;
    public static final int STOPPED = 1, STOP_UNREPORTED = 2, CONT_UNREPORTED = 4;
    /**
     * The fingerprint of this task alone, computed on first use (0 until then): a successor state
     * shares every task its step did not change, so the kernel's fingerprint costs one word per
     * unchanged task, and a task a step builds and replaces again (zap_pid_ns_processes' SIGKILL,
     * then its death) is never hashed. Transient: a memo, not state (StateCodec skips it).
     */
    private transient long digest;

    public Task(int[] upidNs, int[] upidNr, int parent, TaskState state, int nsForChildren,
                boolean subreaper, int pendingSignal) {
        this(upidNs, upidNr, parent, state, nsForChildren, subreaper, pendingSignal, -1, RobustList.EMPTY);
    }

    public Task(int[] upidNs, int[] upidNr, int parent, TaskState state, int nsForChildren,
                boolean subreaper, int pendingSignal, int leader, RobustList robustList) {
        this(checkedLevels(upidNs, upidNr).clone(), upidNr.clone(), parent, state, nsForChildren, subreaper, pendingSignal,
                leader, robustList, 0, Kernel.ROOT_NS, 0);
    }

    /**
     * For the with* copies: the upid arrays are never written after construction, so a copy
     * shares them instead of cloning (the public constructors clone them).
     */
    private Task(int[] upidNs, int[] upidNr, int parent, TaskState state, int nsForChildren,
                 boolean subreaper, int pendingSignal, int leader, RobustList robustList, int exitCode, int procNs, int jobctl) {
        this.upidNs = upidNs;
        this.upidNr = upidNr;
        this.parent = parent;
        this.state = state;
        this.nsForChildren = nsForChildren;
        this.subreaper = subreaper;
        this.pendingSignal = pendingSignal;
        this.leader = leader;
        this.robustList = robustList;
        this.exitCode = exitCode;
        this.procNs = procNs;
        this.jobctl = jobctl;
    }

    private static int[] checkedLevels(int[] upidNs, int[] upidNr) {
        if (upidNs.length != upidNr.length || upidNs.length == 0)
            throw new IllegalArgumentException("a pid needs one number per level");
        return upidNs;
    }

    /** The level of the task's own (active) namespace: the number of upids minus one. */
    public int level() {
        return upidNs.length - 1;
    }

    /** task_active_pid_ns: the namespace of the innermost number. */
    public int activeNs() {
        return upidNs[upidNs.length - 1];
    }

    /** The namespace recorded at a level of the struct pid. */
    public int nsAtLevel(int level) {
        return upidNs[level];
    }

    public int numberAtLevel(int level) {
        return upidNr[level];
    }

    /** The number in its own namespace (what getpid() returns to the task itself). */
    public int innermostNumber() {
        return upidNr[upidNr.length - 1];
    }

    /** Ground truth for pid_nr_ns: the number recorded for {@code ns}, 0 when none is. */
    public int numberIn(int ns) {
        for (int i = 0; i < upidNs.length; i++)
            if (upidNs[i] == ns) return upidNr[i];
        return 0;
    }

    public boolean hasNumberIn(int ns) {
        return numberIn(ns) != 0;
    }

    public boolean alive() {
        return state == TaskState.RUNNING;
    }

    public Task withParent(int newParent) {
        return new Task(upidNs, upidNr, newParent, state, nsForChildren, subreaper, pendingSignal, leader, robustList, exitCode, procNs, jobctl);
    }

    public Task withState(TaskState newState) {
        return new Task(upidNs, upidNr, parent, newState, nsForChildren, subreaper, pendingSignal, leader, robustList, exitCode, procNs, jobctl);
    }

    public Task withNsForChildren(int ns) {
        return new Task(upidNs, upidNr, parent, state, ns, subreaper, pendingSignal, leader, robustList, exitCode, procNs, jobctl);
    }

    public Task withSubreaper(boolean value) {
        return new Task(upidNs, upidNr, parent, state, nsForChildren, value, pendingSignal, leader, robustList, exitCode, procNs, jobctl);
    }

    public Task withPendingSignal(int sig) {
        return new Task(upidNs, upidNr, parent, state, nsForChildren, subreaper, sig, leader, robustList, exitCode, procNs, jobctl);
    }

    /** exit_notify/exit_task_namespaces: the dead keep their PIDs but no namespaces for children. */
    public Task dead(TaskState deadState) {
        return new Task(upidNs, upidNr, parent, deadState, -1, subreaper, 0, leader, RobustList.EMPTY, exitCode, -1, 0);
    }

    /** do_exit(code): the status its parent's wait will report. */
    public Task withExitCode(int code) {
        return new Task(upidNs, upidNr, parent, state, nsForChildren, subreaper, pendingSignal, leader, robustList, code, procNs, jobctl);
    }

    /** The task's /proc now shows PID namespace {@code ns} (mount of proc, or a fork's copy of its parent's, V1). */
    public Task withProcNs(int ns) {
        return new Task(upidNs, upidNr, parent, state, nsForChildren, subreaper, pendingSignal, leader, robustList, exitCode, ns, jobctl);
    }

    /** The job-control flags {@code flags} (J1-J4). */
    public Task withJobctl(int flags) {
        return new Task(upidNs, upidNr, parent, state, nsForChildren, subreaper, pendingSignal, leader, robustList, exitCode, procNs, flags);
    }

    /** The same task with its slot references renamed (TaskSymmetry): real_parent and group leader. */
    Task withSlotRefs(int newParent, int newLeader) {
        if (newParent == parent && newLeader == leader) return this;
        return new Task(upidNs, upidNr, newParent, state, nsForChildren, subreaper, pendingSignal, newLeader, robustList, exitCode, procNs, jobctl);
    }

    /** In a group stop: makes no call until continued or killed (J1). */
    public boolean stopped() {
        return (jobctl & STOPPED) != 0;
    }

    /** A thread made by clone(CLONE_THREAD), not the leader of its group. */
    public boolean hasLeader() {
        return leader >= 0;
    }

    public Task withRobustList(RobustList list) {
        return new Task(upidNs, upidNr, parent, state, nsForChildren, subreaper, pendingSignal, leader, list, exitCode, procNs, jobctl);
    }

    /** The numbers outermost first, as /proc/PID/status prints NSpid (P15). */
    public String nsPid() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < upidNr.length; i++) {
            if (i > 0) s.append(' ');
            s.append(upidNr[i]);
        }
        return s.toString();
    }

    void hashInto(StateHasher h) {
        h.add(digest());
    }

    private long digest() {
        long d = digest;
        if (!StateHasher.known(d)) {
            StateHasher h = new StateHasher();
            hashFields(h);
            d = StateHasher.memo(h.value());
            digest = d;
        }
        return d;
    }

    private void hashFields(StateHasher h) {
        h.add(upidNs.length);
        for (int i = 0; i < upidNs.length; i++) h.add(StateHasher.pair(upidNs[i], upidNr[i]));
        h.add(StateHasher.pair(parent, state.ordinal()));
        h.add(StateHasher.pair(nsForChildren, pendingSignal));
        h.add(StateHasher.pair(leader, subreaper ? 1 : 0));
        robustList.hashInto(h);
        if (exitCode != 0) h.add(0x5700_0000L | exitCode);
        h.add(procNs);
        if (jobctl != 0) h.add(0x4A00_0000L | jobctl);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Task t)) return false;
        long a = digest, b = t.digest; // a quick no when both are known
        if (StateHasher.known(a) && StateHasher.known(b) && a != b) return false;
        return parent == t.parent && state == t.state && nsForChildren == t.nsForChildren
                && subreaper == t.subreaper && pendingSignal == t.pendingSignal
                && leader == t.leader && exitCode == t.exitCode && procNs == t.procNs && jobctl == t.jobctl && robustList.equals(t.robustList)
                && Arrays.equals(upidNs, t.upidNs) && Arrays.equals(upidNr, t.upidNr);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(upidNs) + Arrays.hashCode(upidNr)) + parent * 7 + state.ordinal();
    }

    @Override
    public String toString() {
        return "[" + nsPid() + "]" + (state == TaskState.RUNNING ? "" : " " + state.name().toLowerCase()) + (stopped() ? " stopped" : "")
                + (pendingSignal != 0 ? " +" + Signals.name(pendingSignal) : "")
                + (subreaper ? " subreaper" : "") + (leader >= 0 ? " thread of T" + leader : "")
                + (robustList.isEmpty() ? "" : " " + robustList) + (procNs > Kernel.ROOT_NS ? " /proc of ns" + procNs : "");
    }
}
