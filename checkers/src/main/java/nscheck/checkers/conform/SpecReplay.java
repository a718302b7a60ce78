package nscheck.checkers.conform;

import nscheck.spec.state.Kernel;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.PartialSyscallTable;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.TaskState;
import nscheck.spec.state.UserNamespace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario on the spec and says what the kernel should show. A scenario is only
 * meaningful on the kernel if it is deterministic there, so replay refuses (returns null) any
 * scenario with a step the spec cannot take, a step with several possible outcomes, or a step
 * taken while the kernel would still be acting on its own (see {@link #forcedNext}).
 */
final class SpecReplay {
    private SpecReplay() {}

    /** The booted kernel a scenario starts from: the root init, and the shared words mapped before any fork. */
    static Kernel initial(Semantics s, int words) {
        Kernel k = s.boot();
        return words > 0 ? k.withMemory(SharedMemory.zeroed(words)) : k;
    }

    /**
     * The step the kernel takes by itself next, if any, or null. The spec lets other tasks run
     * between a kill and the death it causes, and between a futex wake-up and the woken call's
     * return; the kernel does not let a probe hold those windows open (a SIGKILLed process blocked
     * in read() dies at once). Scenarios therefore take these steps immediately, lowest slot first:
     * the known divergence "async-windows".
     */
    static Scenario.Step forcedNext(Kernel k) {
        // A woken futex call returns before its task acts on a pending signal (Semantics.step).
        for (int i = 0; i < k.taskSlots(); i++) {
            Task t = k.task(i);
            var w = k.memory().waiterOf(i);
            if (t != null && t.alive() && w != null && w.woken()) return new Scenario.Step(i, new Syscall.FutexReturn());
        }
        for (int i = 0; i < k.taskSlots(); i++) {
            Task t = k.task(i);
            if (t != null && t.alive() && t.pendingSignal != 0) return new Scenario.Step(i, new Syscall.SignalDelivery());
        }
        return null;
    }

    /**
     * The single outcome of a step, or null if it has none or several, or if the kernel's own
     * order of what follows is not fixed (see {@link #racingDeaths}).
     */
    static Outcome single(Semantics s, Kernel k, Scenario.Step step) {
        List<Outcome> outs = s.step(k, step.actor(), step.call());
        if (outs.size() != 1 || zombieDumpabilityOfTheHost(s, k, step)) return null;
        return racingDeaths(outs.get(0).next()) ? null : outs.get(0);
    }

    /**
     * setns through the pidfd of a non-dumpable zombie of another thread group by a caller holding
     * its capabilities in the spec's init_user_ns: task_still_dumpable (kernel/ptrace.c) asks a
     * task without mm for CAP_SYS_PTRACE in the host's init_user_ns, which no task in the sandbox
     * holds, where the spec's init_user_ns is the sandbox's own user namespace (EPERM on the
     * kernel, ESRCH in the spec). Such steps are not generated: the known divergence
     * "zombie-dumpable-host-init".
     */
    static boolean zombieDumpabilityOfTheHost(Semantics s, Kernel k, Scenario.Step step) {
        int actor = step.actor(), target = -1;
        TaskContext c = k.objects().context(actor);
        if (step.call() instanceof Syscall.Setns n && n.pid() > 0) target = s.variant.lookup(k, k.task(actor).activeNs(), n.pid());
        else if (step.call() instanceof nscheck.spec.call.FdCalls.SetnsFd f && c.fds().get(f.fd()) instanceof OpenFile.Pidfd p)
            target = s.variant.pidfdTask(k, p);
        if (target < 0 || k.task(target) == null || k.task(target).alive() || k.groupLeader(target) == k.groupLeader(actor)) return false;
        return !k.objects().context(target).cred().dumpable() && c.cred().userNs() == UserNamespace.INIT && c.cred().caps();
    }

    /**
     * Several processes with a fatal signal pending while some task reads SIGCHLD, or while one of
     * them is the child of another that reaps its children at exit (SIGCHLD SIG_IGN or
     * SA_NOCLDWAIT): the kernel runs their exits in parallel, and which dies first decides which
     * SIGCHLD is queued (a child dead before its parent is reparented as a zombie and reported to
     * the new parent first, and legacy_queue drops the second) and whose disposition reaps the
     * child (one dead before its parent is reaped by that parent's autoreap in do_notify_parent,
     * one dead after it is reported to its new parent by reparent_leader, kernel/exit.c). The spec
     * takes the deaths lowest slot first, so such steps are not generated: the known divergence
     * "racing-deaths-sigchld".
     */
    static boolean racingDeaths(Kernel k) {
        int dying = 0;
        boolean reader = false, autoreapedByDying = false;
        for (int i = 0; i < k.taskSlots(); i++) {
            Task t = k.task(i);
            if (t == null || !t.alive()) continue;
            if (t.pendingSignal != 0 && !t.hasLeader()) {
                dying++;
                Task parent = k.task(t.parent);
                TaskContext pc = k.objects().context(t.parent);
                if (parent != null && parent.alive() && parent.pendingSignal != 0 && pc != null && pc.actions().autoreap())
                    autoreapedByDying = true;
            }
            TaskContext c = k.objects().context(i);
            if (c != null && (c.blocks(nscheck.spec.call.Signals.SIGCHLD) || c.actions().handles(nscheck.spec.call.Signals.SIGCHLD))) reader = true;
        }
        return dying >= 2 && (reader || autoreapedByDying);
    }

    static Prediction predict(Semantics s, Scenario scenario) {
        Kernel k = initial(s, scenario.words());
        List<Prediction.StepPrediction> out = new ArrayList<>();
        List<Long> seenIds = new ArrayList<>();
        for (Scenario.Step step : scenario.steps()) {
            Scenario.Step forced = forcedNext(k);
            if (forced != null && !forced.equals(step)) return null;
            Outcome o = single(s, k, step);
            if (o == null) return null;
            int child = step.call().accept(CLONE) ? childSlot(k, o) : 0;
            // While the kernel still has steps of its own to take (a death, a woken call's return)
            // it takes them at once, so the words the probe reads already show them: not compared.
            String words = forcedNext(o.next()) == null ? words(o.next()) : null;
            String before = stopped(k), after = stopped(o.next());
            out.add(new Prediction.StepPrediction(shown(step, o.observation(), seenIds), words, hint(step, o), child,
                    before.isEmpty() && after.isEmpty() ? null : after.isEmpty() ? "-" : after, deaths(k, o.next())));
            k = o.next();
        }
        // A scenario may not end while the kernel would still act by itself: the probe would see it.
        if (forcedNext(k) != null) return null;
        return new Prediction(out, snapshot(k));
    }

    /**
     * The result as the probe reports it: an NS_GET_ID value as "#k", the k-th distinct id of the
     * scenario (N8: the kernel's ids are boot- and CPU-dependent; which observations name one
     * namespace is what both sides must agree on).
     */
    static String shown(Scenario.Step step, Observation r, List<Long> seenIds) {
        if (!(step.call() instanceof nscheck.spec.call.FdCalls.NsIoctl io) || io.op() != nscheck.spec.call.FdCalls.NS_GET_ID
                || r.failed() || !r.returns()) return r.toString();
        if (!seenIds.contains(r.value())) seenIds.add(r.value());
        return "= #" + (seenIds.indexOf(r.value()) + 1);
    }

    /** clone(2) and clone3 make a child the probe names by its actor number; the proposals are not probed. */
    private static final PartialSyscallTable<Boolean> CLONE = new PartialSyscallTable<>() {
        @Override protected Boolean otherwise(Syscall call) { return false; }

        @Override public Boolean clone(Syscall.Clone call) { return true; }

        @Override public Boolean clone3(Syscall.Clone3 call) { return true; }
    };

    /** The actor a clone's child becomes: its spec slot; for a failed clone, any unused actor (nothing will use it). */
    private static int childSlot(Kernel k, Outcome o) {
        if (!o.observation().failed()) return o.observation().about();
        int free = k.freeTaskSlot();
        return free > 0 ? free : k.taskSlots();
    }

    /** The slots of the living tasks in a group stop, comma-separated (J1). */
    static String stopped(Kernel k) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < k.taskSlots(); i++) {
            Task t = k.task(i);
            if (t != null && t.alive() && t.stopped()) b.append(b.length() > 0 ? "," : "").append(i);
        }
        return b.toString();
    }

    /**
     * The tasks a step ends, as the probe reads them: "3z" for a task that is a zombie after the
     * step and was not before, "5r" for one released by it (its PIDs freed). The kernel finishes
     * some deaths in the dying task's own time, after the call that caused them has returned: an
     * autoreaped task (exit_notify's release_task, kernel/exit.c) frees its numbers only after
     * /proc and its pidfd show it gone, and a namespace init leaves zap_pid_ns_processes
     * (kernel/pid_namespace.c) only when the last victim's free_pid wakes it; the spec takes both
     * with the step. The probe waits (bounded) until the kernel has caught up.
     */
    static String deaths(Kernel before, Kernel after) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.max(before.taskSlots(), after.taskSlots()); i++) {
            Task was = before.task(i), is = after.task(i);
            if (was == null) continue;
            char how = is == null ? 'r' : is.state == TaskState.ZOMBIE && was.state != TaskState.ZOMBIE ? 'z' : 0;
            if (how != 0) b.append(b.length() > 0 ? "," : "").append(i).append(how);
        }
        return b.toString();
    }

    static char hint(Scenario.Step step, Outcome o) {
        Observation r = o.observation();
        if (r.equals(Observation.BLOCKED)) return 'b';
        if (r.returns()) return 'r';
        Task after = o.next().task(step.actor());
        if (after != null && after.alive()) return 'n'; // killed itself: the signal is acted on at once
        return after != null && after.state == TaskState.EXITING ? 'x' : 'z';
    }

    static String words(Kernel k) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < k.memory().size(); i++) {
            if (i > 0) b.append(' ');
            b.append(Integer.toUnsignedString(k.memory().word(i)));
        }
        return b.toString();
    }

    /** Every task that still holds PIDs, by slot, with its NSpid line. */
    static Map<Integer, String> snapshot(Kernel k) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int slot : k.taskSlotList()) m.put(slot, k.task(slot).nsPid());
        return m;
    }
}
