package nscheck.spec.rules;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.PidAllocation;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.RobustList;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskState;
import nscheck.spec.variant.Variant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static nscheck.spec.call.CloneFlags.CLONE_NEWPID;
import static nscheck.spec.call.CloneFlags.CLONE_PARENT;
import static nscheck.spec.call.CloneFlags.CLONE_THREAD;
import static nscheck.spec.call.CloneFlags.has;

/**
 * The transition rules: what each call does to the kernel and what its caller observes, written
 * once and parameterised by a {@link Variant}. Rule tags (P1..P15) refer to docs/semantics.md.
 * A call's result is a list of outcomes: empty while the call would block, several where the
 * kernel's choice is not specified (which zombie wait(-1) reaps).
 */
public final class Semantics {
    public final Variant variant;
    public final Limits limits;
    private final Futex futex;

    public Semantics(Variant variant, Limits limits) {
        this.variant = variant;
        this.limits = limits;
        this.futex = new Futex(variant);
    }

    public Kernel boot() {
        return Kernel.boot(limits);
    }

    /** Every outcome of {@code call} made by the task in slot {@code actor}; empty if it cannot run now. */
    public List<Outcome> step(Kernel k, int actor, Syscall call) {
        Task t = k.task(actor);
        if (t == null || t.state != TaskState.RUNNING) return List.of();
        // A woken task first finishes its futex call in the kernel (a PI waiter takes the rt_mutex
        // and fixup_pi_state_owner writes its TID) and only then, on the way out to user space,
        // acts on a pending fatal signal (F1, F3; found by `nscheck conform`: the kernel never lets
        // a woken PI waiter die without taking the lock).
        if (Futex.woken(k, actor)) {
            if (!(call instanceof Syscall.FutexReturn)) return List.of();
            Outcome done = futex.resume(k, actor);
            // With a fatal signal pending the call's result never reaches user space.
            return one(t.pendingSignal != 0 ? new Outcome(done.next(), Observation.NO_RETURN) : done);
        }
        // A task with a fatal signal pending never returns to user space: its only step is to die.
        if (t.pendingSignal != 0 != (call instanceof Syscall.SignalDelivery)) return List.of();
        // A task asleep in a futex call makes no call until the kernel wakes it (F1, F3).
        if (call instanceof Syscall.FutexReturn) return List.of();
        if (k.memory().waiterOf(actor) != null && !(call instanceof Syscall.SignalDelivery)) return List.of();
        if (call instanceof Syscall.Clone c) return one(clone(k, actor, c.flags(), variant::allocPid));
        if (call instanceof Syscall.Clone3 c)
            return one(clone(k, actor, c.flags(), (kk, ns) -> variant.allocSetTid(kk, ns, ints(c.setTid()), c.capsFromLevel())));
        if (call instanceof Syscall.CloneWithPids c)
            return one(clone(k, actor, c.flags(), (kk, ns) -> variant.allocPidSet(kk, ns, ints(c.pids()), c.capsFromLevel(), t.level())));
        if (call instanceof Syscall.Execns e) return one(execns(k, actor, e.flags()));
        if (call instanceof Syscall.Unshare u) return one(unshare(k, actor, u.flags()));
        if (call instanceof Syscall.Setns s) return one(setns(k, actor, s.pid()));
        if (call instanceof Syscall.Exit) return actor == Kernel.ROOT_INIT ? List.of() : one(exit(k, actor));
        if (call instanceof Syscall.Wait w) return waitpid(k, actor, w.pid());
        if (call instanceof Syscall.GetPid) {
            // getpid() returns the TGID: the leader's number (a thread's own is gettid()).
            int group = t.hasLeader() ? t.leader : actor;
            return one(new Outcome(k, Observation.pid(variant.translate(k, group, t.activeNs()), group)));
        }
        if (call instanceof Syscall.GetTid) return one(new Outcome(k, Observation.pid(variant.translate(k, actor, t.activeNs()), actor)));
        if (call instanceof Syscall.FutexWait w) return one(futex.wait(k, actor, w.word(), w.expected()));
        if (call instanceof Syscall.FutexWake w) return one(futex.wake(k, actor, w.word(), w.count()));
        if (call instanceof Syscall.FutexLockPi l) return one(futex.lockPi(k, actor, l.word(), false));
        if (call instanceof Syscall.FutexTrylockPi l) return one(futex.lockPi(k, actor, l.word(), true));
        if (call instanceof Syscall.FutexUnlockPi u) return one(futex.unlockPi(k, actor, u.word()));
        if (call instanceof Syscall.GetPpid) return one(getppid(k, actor));
        if (call instanceof Syscall.Kill kill) return one(kill(k, actor, kill.pid(), kill.sig()));
        if (call instanceof Syscall.Tgkill tk) return one(tgkill(k, actor, tk.tgid(), tk.tid()));
        if (call instanceof Syscall.ReadNsLastPid) return one(new Outcome(k, Observation.value(k.ns(t.activeNs()).cursor() - 1)));
        if (call instanceof Syscall.WriteNsLastPid w) return one(writeNsLastPid(k, actor, w.value()));
        if (call instanceof Syscall.SetChildSubreaper)
            return one(new Outcome(k.withTask(actor, t.withSubreaper(true)), Observation.ZERO));
        if (call instanceof Syscall.SignalDelivery) return one(exit(k, actor));
        if (ObjectCalls.handles(call)) return ObjectCalls.step(this, k, actor, call);
        throw new IllegalArgumentException("no rule for " + call);
    }

    private static List<Outcome> one(Outcome o) {
        return List.of(o);
    }

    private static Outcome fail(Kernel k, Errno e) {
        return new Outcome(k, Observation.error(e));
    }

    // ---- clone, unshare, setns (kernel/fork.c, kernel/nsproxy.c, kernel/pid_namespace.c) ----

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** How a clone numbers its child: alloc_pid, or alloc_pid with numbers the caller chose. */
    @FunctionalInterface
    private interface Numbering {
        PidAllocation allocate(Kernel k, int targetNs);
    }

    private Outcome clone(Kernel k, int actor, int flags, Numbering numbering) {
        Task t = k.task(actor);
        if (has(flags, CLONE_THREAD)) {
            // copy_process: a thread shares its group's namespaces, so it cannot start a new one,
            // nor be made after unshare(CLONE_NEWPID) has split the two (P12).
            if (has(flags, CLONE_NEWPID) || t.nsForChildren != t.activeNs()) return fail(k, Errno.EINVAL);
        }
        // copy_process: an init may not make siblings (it would give them a parent outside its namespace) (P5).
        if (has(flags, CLONE_PARENT) && k.groupIsChildReaper(actor)) return fail(k, Errno.EINVAL);
        Outcome refusedForObjects = ObjectCalls.cloneRefused(this, k, actor, flags);
        if (refusedForObjects != null) return refusedForObjects;
        if (k.freeTaskSlot() < 0) return fail(k, Errno.EAGAIN);
        int target = t.nsForChildren;
        Kernel cur = k;
        if (has(flags, CLONE_NEWPID)) {
            Outcome refused = checkNewPidNs(k, t);
            if (refused != null) return refused;
            target = cur.freeNsSlot();
            cur = cur.addNamespace(PidNamespace.fresh(t.nsForChildren, k.ns(t.nsForChildren).level() + 1, limits.pidMax()));
        }
        PidAllocation a = numbering.allocate(cur, target);
        if (!a.ok()) return fail(a.kernel().collectNamespaces(), a.errno());
        cur = a.kernel();
        int slot = cur.freeTaskSlot();
        boolean thread = has(flags, CLONE_THREAD);
        // A thread has its own struct pid (a TID at every level) and shares its group's parent.
        int parent = has(flags, CLONE_PARENT) || thread ? t.parent : actor;
        int leader = thread ? (t.hasLeader() ? t.leader : actor) : -1;
        Task child = new Task(a.upidNs(), a.upidNr(), parent, TaskState.RUNNING, target, false, 0, leader, RobustList.EMPTY);
        cur = cur.withTask(slot, child);
        cur = ObjectCalls.forked(cur, actor, slot, flags);
        // copy_process: the task numbered 1 in its namespace becomes its child_reaper (P5).
        if (variant.startsNamespace(child) && !thread) cur = cur.withNamespace(target, cur.ns(target).withChildReaper(slot));
        return new Outcome(cur, Observation.pid(variant.translate(cur, slot, t.activeNs()), slot));
    }

    /** copy_pid_ns / create_pid_namespace: the checks before a new PID namespace exists (P1, P12). */
    private Outcome checkNewPidNs(Kernel k, Task t) {
        if (t.nsForChildren != t.activeNs()) return fail(k, Errno.EINVAL);
        if (k.ns(t.nsForChildren).level() + 1 > limits.maxLevel()) return fail(k, Errno.ENOSPC);
        return null;
    }

    private Outcome unshare(Kernel k, int actor, int flags) {
        Task t = k.task(actor);
        if (ObjectCalls.handlesUnshare(flags)) return ObjectCalls.unshare(this, k, actor, flags);
        if (!has(flags, CLONE_NEWPID)) return new Outcome(k, Observation.ZERO);
        // execns: namespaces change only at exec, where the references unshare would carry are dropped (H3).
        if (variant.unshareOnlyAtExec()) return fail(k, Errno.EINVAL);
        return unshareNewPid(k, actor);
    }

    private Outcome unshareNewPid(Kernel k, int actor) {
        Task t = k.task(actor);
        Outcome refused = checkNewPidNs(k, t);
        if (refused != null) return refused;
        int slot = k.freeNsSlot();
        Kernel cur = k.addNamespace(PidNamespace.fresh(t.activeNs(), k.ns(t.activeNs()).level() + 1, limits.pidMax()));
        return new Outcome(cur.withTask(actor, t.withNsForChildren(slot)), Observation.ZERO);
    }

    /**
     * execns (H3): exec drops what a namespace change would otherwise have to carry across:
     * futex_exec_release runs the robust list and PI states (F5), as every execve does, then the
     * new PID namespace takes effect for later children. Mainline has no such call (ENOSYS).
     */
    private Outcome execns(Kernel k, int actor, int flags) {
        if (!variant.unshareOnlyAtExec()) return fail(k, Errno.ENOSYS);
        if (has(flags, CLONE_NEWPID)) {
            Outcome refused = checkNewPidNs(k, k.task(actor));
            if (refused != null) return refused;
        }
        Kernel released = futex.exitRelease(k, actor);
        if (!has(flags, CLONE_NEWPID)) return new Outcome(released, Observation.ZERO);
        return unshareNewPid(released, actor);
    }

    private Outcome setns(Kernel k, int actor, int pid) {
        Task t = k.task(actor);
        if (pid <= 0) return fail(k, Errno.EINVAL);
        int target = variant.lookup(k, t.activeNs(), pid);
        if (target < 0) return fail(k, Errno.ESRCH);
        // pidfd_open without PIDFD_THREAD: a thread's TID names no process (ENOENT on 6.18, found by `nscheck conform`).
        if (k.task(target).hasLeader()) return fail(k, Errno.ENOENT);
        // A dead task has dropped its nsproxy: there is no namespace to enter (settled on the kernel: ESRCH).
        if (!k.task(target).alive()) return fail(k, Errno.ESRCH);
        int ns = k.task(target).activeNs();
        // pidns_install: only the active namespace or one below it (P13).
        if (!k.isSelfOrDescendant(ns, t.activeNs())) return fail(k, Errno.EINVAL);
        return new Outcome(k.withTask(actor, t.withNsForChildren(ns)).collectNamespaces(), Observation.ZERO);
    }

    // ---- exit, reaping, init death (kernel/exit.c, kernel/pid_namespace.c) -------------------

    private Outcome exit(Kernel k, int actor) {
        return new Outcome(doExit(k, actor), Observation.NO_RETURN);
    }

    /** do_exit of task {@code slot}: reparent its children, or kill its namespace if it is the init. */
    Kernel doExit(Kernel k, int slot) {
        // exit_mm_release -> futex_exit_release: robust list and PI states first, while the pids still exist (F5);
        // then exit_sem, exit_files and exit_task_namespaces (I8).
        k = futex.exitRelease(k, slot);
        k = ObjectCalls.exiting(k, slot);
        Task t = k.task(slot);
        int ns = t.activeNs();
        if (k.ns(ns).childReaper() == slot) {
            // find_child_reaper: while another thread of the init's group lives, it becomes the
            // child_reaper and the namespace lives on (P6; found by `nscheck conform`).
            int heir = livingGroupMember(k, slot);
            if (heir >= 0) k = k.withNamespace(ns, k.ns(ns).withChildReaper(heir));
        }
        if (k.ns(ns).childReaper() == slot) {
            // zap_pid_ns_processes: no more entries, SIGKILL to everything the namespace can see,
            // then the init waits until all of it is reaped (P6).
            Kernel cur = k.withNamespace(ns, k.ns(ns).closed());
            for (int i = 0; i < cur.taskSlots(); i++) {
                Task u = cur.task(i);
                if (i == slot || u == null || !u.alive() || u.pendingSignal != 0) continue;
                if (variant.zapReaches(cur, ns, i)) cur = cur.withTask(i, u.withPendingSignal(Signals.SIGKILL));
            }
            return settle(cur.withTask(slot, t.dead(TaskState.EXITING)));
        }
        int reaper = variant.reaper(k, slot);
        Kernel cur = k;
        List<Integer> children = new ArrayList<>();
        for (int i = 0; i < cur.taskSlots(); i++) {
            Task u = cur.task(i);
            if (u != null && u.parent == slot) children.add(i);
        }
        // forget_original_parent walks father->children, oldest first (list_add_tail at fork), and
        // reparent_leader notifies the new parent of a child that is already a zombie (with no
        // threads left), unless the reaper is a thread of the father's own group. This comes
        // before the father's own do_notify_parent, so the first SIGCHLD its parent queues may
        // name a grandchild (found by `nscheck conform`).
        Kernel before = k;
        children.sort(Comparator.comparingInt(i -> creationOrder(before, i)));
        boolean sameGroup = reaper >= 0 && k.task(reaper) != null && k.groupLeader(reaper) == k.groupLeader(slot);
        for (int i : children) {
            Task u = cur.task(i);
            cur = cur.withTask(i, u.withParent(reaper));
            if (!sameGroup && !u.hasLeader() && u.state == TaskState.ZOMBIE && !groupHasLiveMembers(cur, i))
                cur = SignalRules.notifyParent(this, cur, i);
        }
        // exit_notify: a thread that is not its group's leader reaps itself (autoreap), with no SIGCHLD.
        if (t.hasLeader()) return settle(cur.release(slot));
        return settle(SignalRules.notifyParent(this, cur.withTask(slot, t.dead(TaskState.ZOMBIE)), slot));
    }

    /** find_alive_thread: another living thread of the group of {@code slot}, or -1. */
    private static int livingGroupMember(Kernel k, int slot) {
        for (int i : k.groupMembers(k.groupLeader(slot))) {
            Task u = k.task(i);
            if (i != slot && u.alive()) return i;
        }
        return -1;
    }

    /**
     * The kernel's own reaping, to a fixed point: an init in zap_pid_ns_processes reaps its
     * zombie children, and finishes its exit (becoming a zombie itself) once nothing else holds
     * a number in its namespace. Unreferenced namespaces are freed.
     */
    Kernel settle(Kernel k) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < k.taskSlots(); i++) {
                Task u = k.task(i);
                if (u == null) continue;
                if (u.state == TaskState.ZOMBIE && k.task(u.parent) != null && k.task(u.parent).state == TaskState.EXITING) {
                    k = k.release(i);
                    changed = true;
                } else if (u.state == TaskState.EXITING && !othersIn(k, u.activeNs(), i, u.hasLeader() ? u.leader : i)) {
                    // zap_pid_ns_processes waits for init_pids: 1, or 2 when the init is a thread (its dead
                    // leader keeps its pid); then a thread reaps itself (no SIGCHLD), a leader becomes a
                    // zombie and notifies its parent (found by `nscheck conform`).
                    if (u.hasLeader()) {
                        k = k.release(i);
                    } else {
                        k = k.withTask(i, u.withState(TaskState.ZOMBIE));
                        k = SignalRules.notifyParent(this, k, i);
                    }
                    changed = true;
                }
            }
        }
        return k.collectNamespaces();
    }

    private static boolean othersIn(Kernel k, int ns, int except, int alsoExcept) {
        for (int i = 0; i < k.taskSlots(); i++) {
            Task u = k.task(i);
            if (i != except && i != alsoExcept && u != null && u.hasNumberIn(ns)) return true;
        }
        return false;
    }

    private List<Outcome> waitpid(Kernel k, int actor, int pid) {
        Task t = k.task(actor);
        int only = -1;
        if (pid > 0) {
            only = variant.lookup(k, t.activeNs(), pid);
            if (only < 0) return one(fail(k, Errno.ECHILD));
        } else if (pid != -1) {
            return one(fail(k, Errno.EINVAL)); // process-group waits are not modelled
        }
        boolean anyChild = false;
        List<Outcome> out = new ArrayList<>();
        // do_wait walks the children of every thread in the caller's group (no __WNOTHREAD; found by `nscheck conform`).
        List<Integer> group = k.groupMembers(k.groupLeader(actor));
        for (int i = 0; i < k.taskSlots(); i++) {
            Task c = k.task(i);
            if (c == null || !group.contains(c.parent) || c.hasLeader() || (only >= 0 && i != only)) continue;
            anyChild = true;
            // delay_group_leader: a dead leader is reaped only once its threads are gone.
            if (c.state != TaskState.ZOMBIE || groupHasLiveMembers(k, i)) continue;
            int value = variant.translate(k, i, t.activeNs());
            out.add(new Outcome(settle(k.release(i)), Observation.pid(value, i)));
        }
        if (!anyChild) return one(fail(k, Errno.ECHILD));
        return out; // empty: the caller blocks until a child dies
    }

    private static boolean groupHasLiveMembers(Kernel k, int leader) {
        for (int i = 0; i < k.taskSlots(); i++) {
            Task u = k.task(i);
            if (u != null && u.leader == leader) return true;
        }
        return false;
    }

    private Outcome getppid(Kernel k, int actor) {
        Task t = k.task(actor);
        if (t.parent < 0) return new Outcome(k, Observation.ZERO);
        // task_tgid_vnr(real_parent): the parent's process, also when the parent is a thread (P8).
        int parent = k.task(t.parent) == null ? t.parent : k.groupLeader(t.parent);
        return new Outcome(k, Observation.pid(variant.translate(k, parent, t.activeNs()), parent));
    }

    // ---- signals (kernel/signal.c) -----------------------------------------------------------

    private Outcome kill(Kernel k, int actor, int pid, int sig) {
        Task t = k.task(actor);
        if (pid > 0) {
            // kill(2) signals the thread group of whichever task the number names, a thread's TID included.
            int target = variant.lookup(k, t.activeNs(), pid);
            if (target < 0) return fail(k, Errno.ESRCH);
            return deliver(k, actor, target, sig);
        }
        if (pid == -1) {
            // kill_something_info: for_each_process, so once per thread group (its leader), every one
            // numbered above 1 in the caller's namespace except the caller's own group (P11), in
            // the order of init_task.tasks: oldest first (copy_process: list_add_tail_rcu).
            List<Integer> targets = new ArrayList<>();
            int own = k.groupLeader(actor);
            for (int i = 0; i < k.taskSlots(); i++) {
                Task u = k.task(i);
                if (u == null || u.hasLeader() || i == own || variant.translate(k, i, t.activeNs()) <= 1) continue;
                targets.add(i);
            }
            targets.sort(Comparator.comparingInt(i -> creationOrder(k, i)));
            return targets.isEmpty() ? fail(k, Errno.ESRCH) : new Outcome(sendToEach(k, actor, targets, sig), Observation.ZERO);
        }
        // __kill_pgrp_info: every process of the group (pid 0: the caller's own, task_pgrp; else
        // find_vpid(-pid) in the caller's namespace), wherever their namespaces are; ESRCH if none.
        PidRef group = pid == 0 ? k.objects().context(actor).pgrp() : groupNamed(k, t.activeNs(), -pid);
        if (group == null) return fail(k, Errno.ESRCH);
        // do_each_pid_task(pgrp, PIDTYPE_PGID): attach_pid puts each joiner at the head of the
        // group's list, so the newest member first. A member joins when it forks from one, or
        // founds the group with setpgid, before any later member: newest joined = newest created.
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < k.taskSlots(); i++) {
            Task u = k.task(i);
            if (u == null || u.hasLeader() || !group.equals(k.objects().context(i).pgrp())) continue;
            targets.add(i);
        }
        if (targets.isEmpty()) return fail(k, Errno.ESRCH);
        targets.sort(Comparator.comparingInt((Integer i) -> creationOrder(k, i)).reversed());
        Kernel cur = sendToEach(k, actor, targets, sig);
        // A caller that signalled its own group fatally never sees the return value.
        return new Outcome(cur, cur.task(actor).pendingSignal != 0 ? Observation.NO_RETURN : Observation.ZERO);
    }

    /**
     * A signal to several processes, in the kernel's order. They share one kernel_siginfo, and
     * send_signal_locked writes into it: once a target's namespace cannot see the sender it sets
     * info->si_pid = 0, and every later target gets 0 too, whether that first target queued the
     * signal or dropped it (an init's SIG_DFL), zombie or not (found by `nscheck conform`:
     * kill(0) by a task whose group holds the init of a child namespace made after it). si_uid
     * likewise: each target outside the sender's user namespace rewrites it in place (mapped
     * through the sender's namespace into the target's), and later targets start from that value,
     * so after a target whose namespace does not map the sender every later one reads the
     * overflow uid (found by `nscheck conform`: kill(-1) from init_user_ns reaching a task in an
     * unmapped user namespace before another in init_user_ns).
     */
    private Kernel sendToEach(Kernel k, int actor, List<Integer> targets, int sig) {
        Kernel cur = k;
        boolean zeroed = false;
        int uid = SignalRules.ownUid(this, k, actor);
        for (int i : targets) {
            Task u = cur.task(i);
            // This target's own si_pid is the variant's rule (0 here in mainline); the clearing carries to the next.
            boolean clears = !cur.task(actor).hasNumberIn(u.activeNs());
            int targetUid = SignalRules.carriedUid(this, cur, actor, i, uid);
            cur = sig == Signals.SIGUSR1 && u.alive() ? SignalRules.sendUsr1(this, cur, actor, i, true, zeroed, targetUid).next()
                    : deliver(cur, actor, i, sig).next();
            zeroed |= clears;
            uid = targetUid;
        }
        return cur;
    }

    /**
     * The order in which tasks were created, as the kernel's task lists keep it: their number in
     * the root namespace, which grows with every fork until pid_max wraps it (alloc_pid,
     * idr_alloc_cyclic); known divergence "creation-order" past a wrap.
     */
    private static int creationOrder(Kernel k, int slot) {
        return k.task(slot).numberAtLevel(0);
    }

    /** find_vpid(nr) for a process group: the struct pid numbered {@code nr} in {@code ns}, a task's or a group's. */
    private PidRef groupNamed(Kernel k, int ns, int nr) {
        int holder = variant.lookup(k, ns, nr);
        return holder >= 0 ? PidRef.of(k, holder) : k.objects().groupNumbered(ns, nr);
    }

    /**
     * tgkill (do_tkill): the thread numbered {@code tid} in the caller's namespace, if its TGID
     * there is {@code tgid}; else ESRCH. Ids below 1: EINVAL. The siginfo is the kill() one (SI_TKILL).
     */
    private Outcome tgkill(Kernel k, int actor, int tgid, int tid) {
        if (tgid <= 0 || tid <= 0) return fail(k, Errno.EINVAL);
        int ns = k.task(actor).activeNs();
        int target = variant.lookup(k, ns, tid);
        if (target < 0) return fail(k, Errno.ESRCH);
        Task u = k.task(target);
        if (variant.translate(k, u.hasLeader() ? u.leader : target, ns) != tgid) return fail(k, Errno.ESRCH);
        // do_send_specific -> PIDTYPE_PID: the thread's private queue, not the process's shared one.
        if (u.alive()) return SignalRules.sendUsr1(this, k, actor, target, false, false, SignalRules.siUid(this, k, actor, target));
        return deliver(k, actor, target, Signals.SIGUSR1);
    }

    /**
     * Sends {@code sig} to the process of task {@code target}. SIGUSR1 goes through its handler
     * rules; a fatal signal takes down the whole thread group (complete_signal: SIGNAL_GROUP_EXIT
     * and SIGKILL to every thread; found by `nscheck conform`), each thread dying at a later step.
     */
    private Outcome deliver(Kernel k, int sender, int target, int sig) {
        Task t0 = k.task(target);
        if (sig == Signals.SIGUSR1 && t0.alive()) return SignalRules.sendUsr1(this, k, sender, target);
        List<Integer> members = k.groupMembers(k.groupLeader(target));
        int alive = -1;
        for (int i : members) if (k.task(i).alive()) { alive = i; break; }
        if (sig == 0 || alive < 0 || variant.dropsSignalToInit(k, sender, alive, sig) || !Signals.fatalByDefault(sig))
            return new Outcome(k, Observation.ZERO);
        Kernel next = k;
        for (int i : members) {
            Task u = next.task(i);
            if (u.alive() && u.pendingSignal == 0) next = next.withTask(i, u.withPendingSignal(sig));
        }
        // A task that kills its own group never sees the return value.
        return new Outcome(next, members.contains(sender) ? Observation.NO_RETURN : Observation.ZERO);
    }

    // ---- /proc/sys/kernel/ns_last_pid (kernel/pid_namespace.c pid_ns_ctl_handler) -----------

    private Outcome writeNsLastPid(Kernel k, int actor, int value) {
        int ns = k.task(actor).activeNs();
        PidNamespace p = k.ns(ns);
        if (value < 0 || value > p.pidMax()) return fail(k, Errno.EINVAL);
        return new Outcome(k.withNamespace(ns, p.withCursor(value + 1)), Observation.ZERO);
    }
}
