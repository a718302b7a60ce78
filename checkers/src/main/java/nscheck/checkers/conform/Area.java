package nscheck.checkers.conform;

import nscheck.model.ModelCatalog;
import nscheck.model.kernel.CallMenu;
import nscheck.model.kernel.KernelModelSource;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.PartialSyscallTable;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.SemUndoList;
import nscheck.spec.state.SemaphoreSet;
import nscheck.spec.state.TaskContext;
import nscheck.spec.call.Syscall;

import java.util.ArrayList;
import java.util.List;

/**
 * An area of the spec checked against the kernel: the setup steps every scenario starts with and
 * the calls each task may make next. The PID-namespace areas take their calls from the shipped
 * models; the futex area drives the futex calls directly (the futex models' user-space atomics
 * are not kernel calls); signals and SysV IPC join the calls of their models in one area each.
 * User namespaces and credentials are one area (models userns-ids, userns-nproc); Unix socket
 * pairs two ({@link SocketsArea}: pids across PID namespaces, and the fd table with uids): an
 * area is a menu, and {@link ProbeCall} maps each call onto the probe.
 */
record Area(String name, String description, int words, List<Scenario.Step> setup, Menu menu) {
    Area {
        setup = List.copyOf(setup);
    }

    /** The calls task {@code slot} may make in state {@code k} (arguments may depend on the state). */
    interface Menu {
        List<Syscall> calls(Kernel k, int slot);
    }

    static final List<String> NAMES = List.of("pidns-basic", "pidns-init-death", "pidns-alloc", "pidns-every-call", "threads", "futex", "signals", "ipc", "userns", "creds", "clone3", "futex-threads", "caps",
            "async-io", "mqueue", "pidfd", "nsfs", "futex-robust", "sigqueueinfo",
            "sessions", "wait-status", "dispositions",
            KernelThreadsArea.NAME, "procfs", "job-control", "sockets",
            HandlersArea.NAME);

    /**
     * @param pidMax the kernel's pid_max in the scenario namespace: ns_last_pid writes around it
     *               exercise the wrap to RESERVED_PIDS and the EINVAL bound
     */
    static List<Area> all(int pidMax) {
        List<Area> out = new ArrayList<>();
        for (String model : List.of("pidns-basic", "pidns-init-death", "pidns-alloc")) out.add(fromModel(model, pidMax));
        out.add(everyCall());
        out.add(threads());
        out.add(futex());
        out.add(signals());
        out.add(ipc());
        out.add(userns());
        out.add(SocketsArea.creds());
        out.add(clone3(pidMax));
        out.add(futexThreads());
        out.add(CapsArea.caps());
        out.add(AsyncIoArea.asyncIo());
        out.add(MqueueArea.mqueue());
        out.add(PidfdArea.pidfd());
        out.add(NsfsArea.nsfs());
        out.add(FutexRobustArea.futexRobust());
        out.add(SigqueueinfoArea.sigqueueinfo());
        out.add(ProcessArea.sessions());
        out.add(ProcessArea.waitStatus());
        out.add(ProcessArea.dispositions());
        out.add(ProcfsArea.procfs());
        out.add(JobControlArea.jobControl());
        out.add(SocketsArea.sockets());
        out.add(HandlersArea.handlers());
        return out;
    }

    static Area named(String name, int pidMax) {
        for (Area a : all(pidMax)) if (a.name().equals(name)) return a;
        throw new IllegalArgumentException("unknown area '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }

    /**
     * A shipped kernel model's calls. PID arguments range over the model's own small numbers
     * (1 .. pid_max-1 of the model): in a fresh namespace those are the numbers in use.
     */
    static Area fromModel(String model, int realPidMax) {
        KernelModelSource src = (KernelModelSource) ModelCatalog.find(model);
        int argMax = src.defaultBounds().get("pid_max");
        List<Syscall> calls = new ArrayList<>(CallMenu.expand(src.calls(), argMax));
        if (src.calls().contains("ns-last-pid-write"))
            for (int v : new int[] {realPidMax - 1, realPidMax, realPidMax + 1}) calls.add(new Syscall.WriteNsLastPid(v));
        List<Syscall> initCalls = CallMenu.expand(List.of("wait"), argMax);
        List<Syscall> menu = List.copyOf(calls);
        return new Area(model, src.description(), 0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : menu);
    }

    /** The PID-namespace call families of CallMenu: the ones the probe runs today. */
    static final List<String> PID_FAMILIES = List.of("clone", "clone-newpid", "clone-parent", "unshare-newpid", "setns",
            "exit", "wait", "waitpid", "getpid", "getppid", "kill", "kill-term", "kill-probe", "ns-last-pid-read",
            "ns-last-pid-write", "subreaper");

    /**
     * Every PID-namespace call family a kernel model may name, including those no shipped model
     * uses (clone(CLONE_PARENT), kill(pid, 0), waitpid(pid)), with PIDs 1..4. The signal, IPC,
     * credential and user-namespace families join when the probe runs them (ProbeCall).
     */
    static Area everyCall() {
        List<Syscall> menu = CallMenu.expand(PID_FAMILIES, 5);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait", "waitpid", "getpid", "kill-probe", "ns-last-pid-read"), 5);
        return new Area("pidns-every-call", "every call family of the kernel models, PIDs 1..4", 0,
                List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : menu);
    }

    /**
     * Threads (clone(CLONE_THREAD)) among processes and namespaces: TIDs and TGIDs, a thread's or
     * leader's exit, signals to a thread's TID, threads of a namespace's init.
     */
    static Area threads() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(
                List.of("clone", "clone-newpid", "clone-parent", "unshare-newpid", "setns", "exit", "wait", "getpid", "getppid", "kill", "kill-term", "subreaper"), 5));
        menu.add(new Syscall.Clone(CloneFlags.CLONE_THREAD));
        menu.add(new Syscall.GetTid());
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait"), 5);
        return new Area("threads", "threads of processes in nested namespaces: TIDs, TGIDs, exits, signals", 0,
                List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : fixed);
    }

    /**
     * Futex calls on one shared word by three processes: P in the root namespace, Q the init of a
     * child namespace and R inside it, so TIDs in the word cross a namespace boundary (F6).
     */
    static Area futex() {
        List<Scenario.Step> setup = List.of(
                new Scenario.Step(0, new Syscall.Clone(0)),
                new Scenario.Step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
                new Scenario.Step(2, new Syscall.Clone(0)));
        return new Area("futex", "FUTEX_WAIT/WAKE and PI lock, trylock, unlock on a shared word by processes and threads in two PID namespaces, and their exits",
                1, setup, (k, slot) -> {
                    if (slot == Kernel.ROOT_INIT) return List.of();
                    int w = k.memory().word(0);
                    return List.of(new Syscall.FutexWait(0, w), new Syscall.FutexWait(0, w + 1), new Syscall.FutexWake(0, 1),
                            new Syscall.FutexLockPi(0), new Syscall.FutexTrylockPi(0), new Syscall.FutexUnlockPi(0),
                            new Syscall.GetTid(), new Syscall.Clone(CloneFlags.CLONE_THREAD), new Syscall.Exit(0));
                });
    }

    /**
     * Signals that carry a PID (models signals-siginfo and signals-pgrp): kill, sigqueue and
     * tgkill with SIGUSR1, kill(0) and kill(-pgid) after setpgid, SIGCHLD at exit, all read back
     * by sigwaitinfo after sigprocmask(SIG_BLOCK), within and across a child PID namespace, PIDs
     * 1..4. The setup forks T1 (PID 2) with the default mask, then blocks SIGUSR1 and SIGCHLD in
     * the root init and forks T2 (PID 3), which inherits the mask: T1's line shows SIGUSR1's
     * default action and an init's drop, T2's line queues signals for sigwaitinfo, and the root
     * init, the reaper, reads the SIGCHLD of its children and of orphans.
     */
    private static final int READ_WEIGHT = 4;

    static Area signals() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "setpgid", "sigblock", "kill-usr1", "sigqueue",
                "tgkill", "kill-pgrp", "exit", "wait"), 5));
        List<Syscall> initCalls = new ArrayList<>(CallMenu.expand(List.of("wait", "sigblock"), 5));
        // sigwaitinfo is what shows si_pid, and it has an outcome only with a signal queued: listed
        // several times, so that random walks read a queued signal about as often as they send one
        // among the ~30 ways to send. Duplicates change no state the breadth-first search keeps.
        for (int i = 0; i < READ_WEIGHT; i++) {
            menu.addAll(CallMenu.expand(List.of("sigwaitinfo", "sigwaitinfo-uid"), 5));
            initCalls.addAll(CallMenu.expand(List.of("sigwaitinfo"), 5));
        }
        return new Area("signals", "SIGUSR1 by kill, sigqueue, tgkill and to process groups, SIGCHLD, read by sigwaitinfo (si_pid, si_uid) across a PID namespace",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.SigBlock()),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : menu);
    }

    /**
     * SysV IPC (models ipc-msg, ipc-sem, ipc-shm): msg_lspid/msg_lrpid, sempid with SEM_UNDO and
     * undo at exit, shm_cpid/shm_lpid, read in the caller's PID namespace, with CLONE_SYSVSEM,
     * CLONE_NEWIPC and their unshare. Every scenario has an IPC namespace of its own (the probe's).
     */
    static Area ipc() {
        List<Syscall> menu = CallMenu.expand(List.of("clone", "clone-sysvsem", "clone-newipc", "clone-newipc-sysvsem", "clone-newpid",
                "unshare-newipc", "unshare-sysvsem", "msgget", "msgsnd", "msgrcv", "msg-stat", "semget", "semop", "sem-getpid",
                "sem-getval", "sem-rmid", "shmget", "shmat", "shm-stat", "exit", "wait"), 5);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait", "msg-stat", "sem-getpid", "shm-stat"), 5);
        return new Area("ipc", "SysV message queues, semaphores with SEM_UNDO and shared memory: the PIDs they record, read across PID and IPC namespaces",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> {
                    if (slot == Kernel.ROOT_INIT) return initCalls;
                    List<Syscall> out = new ArrayList<>();
                    for (Syscall c : menu) if (c.accept(new WithinSemvmx(k, slot))) out.add(c);
                    return out;
                });
    }


    /**
     * User namespaces and credentials (models userns-ids and userns-nproc, U3-U5): setuid(0) and
     * setuid(1000), unshare(CLONE_NEWUSER), writing "0 <euid> 1" to uid_map and gid_map,
     * RLIMIT_NPROC (the probe sets it to the spec's scaled 2) across clone, exit and reaping, and
     * si_uid of SIGUSR1 and SIGCHLD read by sigwaitinfo across user namespaces. The setup is the
     * signals area's: T1 with the default mask, T2 blocking SIGUSR1 and SIGCHLD, the root init
     * reading its children's SIGCHLD.
     */
    static Area userns() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "setuid", "unshare-newuser", "uid-map", "sigblock", "exit", "wait"), 5));
        List<Syscall> kills = CallMenu.expand(List.of("kill-usr1"), 5);
        List<Syscall> initCalls = new ArrayList<>(CallMenu.expand(List.of("wait"), 5));
        for (int i = 0; i < READ_WEIGHT / 2; i++) {
            menu.addAll(CallMenu.expand(List.of("sigwaitinfo-uid"), 5));
            initCalls.addAll(CallMenu.expand(List.of("sigwaitinfo-uid"), 5));
        }
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> withKills = new ArrayList<>(fixed);
        withKills.addAll(kills);
        return new Area("userns", "setuid, unshare(CLONE_NEWUSER), uid_map and gid_map, RLIMIT_NPROC per (user namespace, uid), si_uid across user namespaces",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.SigBlock()),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? initCalls : withKills);
    }

    /**
     * clone3 with set_tid (S1-S3; kernel/pid.c alloc_pid) by tasks at every level of nested PID
     * namespaces, with and without CLONE_NEWPID, among ns_last_pid reads and writes, fork, exit
     * and wait: successes, a PID in use (EEXIST), PIDs out of [1, pid_max) and arrays longer than
     * the levels (EINVAL), a new namespace's first PID other than 1 (EINVAL), and EPERM (K1): a
     * caller that dropped to uid 1000 with setuid, or that unshared a user namespace which owns no
     * PID namespace it can choose in, or the init of a clone(CLONE_NEWUSER|CLONE_NEWPID) choosing
     * a PID one level up, lacks CAP_CHECKPOINT_RESTORE in the user namespace owning that level.
     * Arrays reach at most the spec's levels, or beyond the kernel's (EINVAL on both): never the
     * scenario namespace's parent, the host's namespace. The PID-choosing proposals that were never
     * merged, clone_with_pids (H4) and execns (H3), are made too: the kernel has no such system call
     * (ENOSYS), as mainline says.
     */
    static Area clone3(int pidMax) {
        List<Syscall> base = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "exit", "wait", "getpid", "ns-last-pid-read",
                "setuid", "unshare-newuser", "clone-newuser-newpid"), 5));
        for (int v : new int[] {0, 3, 6, 20}) base.add(new Syscall.WriteNsLastPid(v));
        // the PID-choosing proposals never merged (H3, H4): the kernel has no such calls, ENOSYS as mainline says
        base.add(new Syscall.CloneWithPids(0, List.of(2)));
        base.add(new Syscall.CloneWithPids(CloneFlags.CLONE_NEWPID, List.of(0, 1)));
        base.add(new Syscall.Execns(CloneFlags.CLONE_NEWPID));
        List<Syscall> fixed = List.copyOf(base);
        List<Syscall> initCalls = CallMenu.expand(List.of("wait"), 5);
        int[] values = {1, 2, 4, 7, pidMax};
        return new Area("clone3", "clone3 with set_tid at every level, with and without CLONE_NEWPID, among ns_last_pid reads and writes, by privileged and unprivileged callers: successes, EEXIST, every EINVAL and EPERM",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> {
                    if (slot == Kernel.ROOT_INIT) return initCalls;
                    var t = k.task(slot);
                    int level = k.ns(t.nsForChildren).level();
                    List<Syscall> out = new ArrayList<>(fixed);
                    for (int flags : new int[] {0, CloneFlags.CLONE_NEWPID}) {
                        int levels = level + 1 + (flags == 0 ? 0 : 1);
                        // weighted: a third of the menu is clone3, whatever the level
                        List<List<Integer>> arrays = new ArrayList<>();
                        for (int len = 1; len <= Math.min(levels, 3); len++) arrays.addAll(arrays(values, len, level));
                        List<Integer> tooLong = new ArrayList<>();
                        for (int i = 0; i < levels + 2; i++) tooLong.add(1);
                        arrays.add(tooLong);
                        for (List<Integer> a : arrays) out.add(new Syscall.Clone3(flags, a));
                    }
                    return out;
                });
    }

    /** set_tid arrays of {@code len} entries: the innermost from every value, outer ones from fewer (the menu stays small). */
    private static List<List<Integer>> arrays(int[] values, int len, int seed) {
        List<List<Integer>> out = new ArrayList<>();
        for (int v : values) {
            if (len == 1) { out.add(List.of(v)); continue; }
            for (int w : new int[] {values[(seed + 1) % values.length], values[(seed + 3) % values.length]}) {
                if (len == 2) out.add(List.of(v, w));
                else out.add(List.of(v, w, values[(seed + 2) % values.length]));
            }
        }
        return out;
    }

    /**
     * The futex areas' processes: T1 in the root namespace, T2 the init of a child namespace, T3
     * inside it, and a thread each for T1 and T3 (T4, T5), so that TIDs differ by namespace.
     */
    static List<Scenario.Step> threadsInTwoNamespaces() {
        return List.of(
                new Scenario.Step(0, new Syscall.Clone(0)),
                new Scenario.Step(1, new Syscall.Clone(CloneFlags.CLONE_NEWPID)),
                new Scenario.Step(2, new Syscall.Clone(0)),
                new Scenario.Step(1, new Syscall.Clone(CloneFlags.CLONE_THREAD)),
                new Scenario.Step(3, new Syscall.Clone(CloneFlags.CLONE_THREAD)));
    }

    /**
     * Threads and PI futexes across PID namespaces (F3-F6): a process in the root namespace with a
     * thread, holding the PI lock, a namespace init and a task inside it with a thread, all on one shared word:
     * FUTEX_LOCK_PI, TRYLOCK_PI and UNLOCK_PI by threads whose TIDs differ by namespace, WAIT and
     * WAKE, gettid, more threads, and exits while holding the lock (the owner's death: the kernel
     * hands the PI state on and sets FUTEX_OWNER_DIED). Robust lists: area futex-robust ({@link FutexRobustArea}).
     */
    static Area futexThreads() {
        List<Scenario.Step> setup = new ArrayList<>(threadsInTwoNamespaces());
        // T1 holds the lock from the start: waiters in the child namespace, and its death, come early
        setup.add(new Scenario.Step(1, new Syscall.FutexLockPi(0)));
        return new Area("futex-threads", "PI futex lock, trylock and unlock, wait and wake by threads of processes in two PID namespaces, and their owners' deaths",
                1, setup, (k, slot) -> {
                    if (slot == Kernel.ROOT_INIT) return List.of();
                    int w = k.memory().word(0);
                    List<Syscall> out = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        out.add(new Syscall.FutexLockPi(0));
                        out.add(new Syscall.FutexUnlockPi(0));
                    }
                    out.addAll(List.of(new Syscall.FutexTrylockPi(0), new Syscall.FutexWait(0, w), new Syscall.FutexWake(0, 1),
                            new Syscall.GetTid(), new Syscall.Clone(CloneFlags.CLONE_THREAD), new Syscall.Exit(0), new Syscall.Exit(0)));
                    return out;
                });
    }

    /**
     * The spec scales SEMVMX down to {@link SemaphoreSet#SEMVMX} (2, the kernel's is 32767), for
     * the value and for each semadj: a semop the spec refuses with ERANGE for that bound alone
     * succeeds on the kernel, so it is not generated (known divergence "scaled-limits").
     */
    static boolean withinSemvmx(Kernel k, int slot, int op) {
        TaskContext c = k.objects().context(slot);
        if (c == null || c.ipcNs() < 0) return true;
        SemaphoreSet set = k.objects().ipcNs(c.ipcNs()).sem();
        if (set == null) return true;
        int value = set.value() + op;
        if (value > SemaphoreSet.SEMVMX) return false;
        if (c.undoList() < 0) return true;
        SemUndoList.Entry e = k.objects().undoList(c.undoList()).entry(SemaphoreSet.SEMID);
        int adj = (e == null ? 0 : e.semadj()) - op;
        return Math.abs(adj) <= SemaphoreSet.SEMVMX;
    }

    /** A semop is generated only within the scaled SEMVMX ({@link #withinSemvmx}); every other call always. */
    private static final class WithinSemvmx extends PartialSyscallTable<Boolean> {
        private final Kernel k;
        private final int slot;

        WithinSemvmx(Kernel k, int slot) {
            this.k = k;
            this.slot = slot;
        }

        @Override protected Boolean otherwise(Syscall call) { return true; }

        @Override public Boolean semop(Syscall.Semop call) { return withinSemvmx(k, slot, call.op()); }
    }
}
