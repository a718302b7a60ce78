package nscheck.spec.rules;

import nscheck.spec.call.Outcome;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.FutexWaiter;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskState;
import nscheck.spec.variant.Variant;

import java.util.List;
import java.util.function.Function;

/**
 * The transition relation: what each call does to the kernel and what its caller observes,
 * written once and parameterised by a {@link Variant}. {@link #step} checks only what holds for
 * every call and hands the call to its one rule ({@link CallRules}, by kernel source file).
 * Rule tags (P1..P15, F1..F6, ...) refer to docs/semantics.md.
 */
public final class Semantics {
    public final Variant variant;
    public final Limits limits;
    /**
     * Whether a dead task keeps its exit code for wait to report (always, in the kernel). A model
     * whose calls never read a status forgets it ({@link #forgettingExitStatus}): two zombies that
     * differ only there cannot be told apart by any of its calls, so merging them loses nothing.
     */
    public final boolean exitStatus;

    public Semantics(Variant variant, Limits limits) {
        this(variant, limits, true);
    }

    private Semantics(Variant variant, Limits limits, boolean exitStatus) {
        this.variant = variant;
        this.limits = limits;
        this.exitStatus = exitStatus;
    }

    /** The same rules for a model none of whose calls reads an exit status (see {@link #exitStatus}). */
    public Semantics forgettingExitStatus() {
        return new Semantics(variant, limits, false);
    }

    /** The same exit-status bookkeeping with other limits. */
    public Semantics withLimits(Limits other) {
        return new Semantics(variant, other, exitStatus);
    }

    public Kernel boot() {
        return Kernel.boot(limits);
    }

    /**
     * Every outcome of {@code call} made by the task in slot {@code actor}: empty if it cannot run
     * now, several where the kernel's choice is not specified (which zombie wait(-1) reaps).
     */
    public List<Outcome> step(Kernel k, int actor, Syscall call) {
        return actor(k, actor).apply(call);
    }

    /**
     * {@link #step} for the task in slot {@code actor} of {@code k}, for as many calls as a model's
     * menu tries: what holds for the actor whatever the call (its task, whether it is stopped, its
     * futex waiter) is looked up once, and the rules bound to it ({@link CallRules}) are made once,
     * not once per call tried.
     */
    public Function<Syscall, List<Outcome>> actor(Kernel k, int actor) {
        Task t = k.task(actor);
        if (t == null || t.state != TaskState.RUNNING) return call -> List.of();
        // A stopped process makes no call until SIGCONT; a fatal signal wakes it to die (J1).
        if (t.stopped() && t.pendingSignal == 0) return call -> List.of();
        FutexWaiter waiter = k.memory().waiterOf(actor); // woken: it has still to return from its futex call
        CallRules rules = new CallRules(variant, limits, exitStatus, k, actor);
        return call -> step(k, t, waiter, call, rules);
    }

    private List<Outcome> step(Kernel k, Task t, FutexWaiter waiter, Syscall call, CallRules rules) {
        // A woken task first finishes its futex call in the kernel (a PI waiter takes the rt_mutex
        // and fixup_pi_state_owner writes its TID) and only then, on the way out to user space,
        // acts on a pending fatal signal (F1, F3; found by `nscheck conform`: the kernel never lets
        // a woken PI waiter die without taking the lock). No other task returns from a futex call.
        // (instanceof: the two kernel steps are records without components, equal to every instance of their type)
        boolean returning = call instanceof Syscall.FutexReturn;
        if ((waiter != null && waiter.woken()) != returning) return List.of();
        if (!returning) {
            // A task with a fatal signal pending never returns to user space: its only step is to die.
            boolean dying = call instanceof Syscall.SignalDelivery;
            if (t.pendingSignal != 0 != dying) return List.of();
            // A task asleep in a futex call makes no call until the kernel wakes it (F1, F3).
            if (waiter != null && !dying) return List.of();
        }
        List<Outcome> outs = HandlerRules.afterStep(variant, call.accept(rules));
        if (k.names() == null) return outs;
        // N1, N3: a namespace made or freed by the call gets or gives back its inode number and id.
        List<Outcome> named = new java.util.ArrayList<>(outs.size());
        for (Outcome o : outs) named.add(new Outcome(o.next().withNames(o.next().names().follow(variant, o.next())), o.observation()));
        return named;
    }
}
