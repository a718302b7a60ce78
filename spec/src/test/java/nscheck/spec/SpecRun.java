package nscheck.spec;

import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Task;
import nscheck.spec.variant.Variant;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The spec tests' driver: run one call at a time from boot, keep the kernel, remember the last
 * observation. Every call must have exactly one outcome (the rule tests pick deterministic steps).
 */
final class SpecRun {
    final Semantics s;
    Kernel k;
    Observation last;

    SpecRun(Semantics s) {
        this.s = s;
        this.k = s.boot();
    }

    /** T1 = 2; T2 = 3 outside, the init (1) of a new namespace; T3 = 4 outside, 2 inside. */
    static SpecRun container(Semantics s) {
        SpecRun r = new SpecRun(s);
        r.value(0, new Syscall.Clone(0));
        r.value(1, new Syscall.Clone(nscheck.spec.call.CloneFlags.CLONE_NEWPID));
        r.value(2, new Syscall.Clone(0));
        return r;
    }

    SpecRun(Variant v) {
        this(new Semantics(v, new Limits(6, 2, 10)));
    }

    SpecRun call(int actor, Syscall c) {
        List<Outcome> outs = s.step(k, actor, c);
        assertEquals(1, outs.size(), "expected exactly one outcome of " + c + " by T" + actor);
        k = outs.get(0).next();
        last = outs.get(0).observation();
        return this;
    }

    long value(int actor, Syscall c) {
        call(actor, c);
        assertNull(last.errno(), () -> c + " failed: " + last);
        return last.value();
    }

    /** Zeroed futex words of shared memory, mapped by every task (the futex tests' setup). */
    SpecRun withSharedWords(int n) {
        k = k.withMemory(SharedMemory.zeroed(n));
        return this;
    }

    int pid(int actor, Syscall c) {
        return (int) value(actor, c);
    }

    Errno errno(int actor, Syscall c) {
        call(actor, c);
        return last.errno();
    }

    /** The call sleeps (a futex wait or lock that must block). */
    void blocks(int actor, Syscall c) {
        call(actor, c);
        assertEquals(Observation.BLOCKED, last, c + " should sleep");
    }

    /** The call is enabled: the actor is not blocked and the call has an outcome. */
    boolean canCall(int actor, Syscall c) {
        return !s.step(k, actor, c).isEmpty();
    }

    int word(int i) {
        return k.memory().word(i);
    }

    /** Delivers every pending fatal signal, lowest slot first. */
    SpecRun deliverAll() {
        for (boolean again = true; again; ) {
            again = false;
            for (int i = 0; i < k.taskSlots(); i++) {
                Task t = k.task(i);
                if (t != null && t.alive() && t.pendingSignal != 0) {
                    call(i, new Syscall.SignalDelivery());
                    again = true;
                }
            }
        }
        return this;
    }
}
