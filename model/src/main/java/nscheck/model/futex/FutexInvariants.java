package nscheck.model.futex;

import nscheck.model.ModelException;
import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.spec.state.FutexWordLayout;

import java.util.List;

/**
 * The futex-mutex invariants. Each has a way to fail: a seeded bug in nscheck.spec.variant.SeededBugs
 * (mutual-exclusion, no-lost-wakeup) or the cross-namespace models under mainline
 * (owner-identity, robust-recovery).
 */
public final class FutexInvariants {
    public static final List<String> NAMES = List.of("mutual-exclusion", "no-lost-wakeup", "owner-identity", "robust-recovery");

    private FutexInvariants() {}

    static Property<FutexState, FutexStep> named(String name, FutexModel m) {
        return switch (name) {
            case "mutual-exclusion" -> mutualExclusion(m);
            case "no-lost-wakeup" -> noLostWakeup(m);
            case "owner-identity" -> ownerIdentity(m);
            case "robust-recovery" -> robustRecovery(m);
            default -> throw new ModelException("unknown futex invariant '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    private static int holders(FutexModel m, FutexState s) {
        int n = 0;
        for (int i = 0; i < s.threads(); i++) if (m.protocol().holds(s.pc(i))) n++;
        return n;
    }

    static Property<FutexState, FutexStep> mutualExclusion(FutexModel m) {
        return new Property.Always<>("mutual-exclusion", "at most one thread holds the mutex", s -> {
            int n = holders(m, s);
            return n == 0 ? Verdict.VACUOUS : Verdict.of(n == 1);
        });
    }

    /** Checked on quiescent states: a thread still waiting there sleeps forever. */
    static Property<FutexState, FutexStep> noLostWakeup(FutexModel m) {
        return new Property.Always<>("no-lost-wakeup",
                "no thread sleeps forever: when no thread can move, every thread has finished its rounds (or died)", s -> {
            if (!m.quiescent(s)) return Verdict.VACUOUS;
            for (int i = 0; i < s.threads(); i++) if (!m.protocol().settled(s.pc(i))) return Verdict.VIOLATED;
            return Verdict.HOLDS;
        });
    }

    /** F3/F4/F6: the word must name its owner for every thread that reads it. */
    static Property<FutexState, FutexStep> ownerIdentity(FutexModel m) {
        return new Property.Always<>("owner-identity",
                "while a thread holds a PI mutex, the TID in the word names that thread in every contender's PID namespace", s -> {
            if (!m.protocol().ownerInWord() || holders(m, s) != 1) return Verdict.VACUOUS;
            int owner = -1;
            for (int i = 0; i < s.threads(); i++) if (m.protocol().holds(s.pc(i))) owner = m.slot(i);
            int tid = FutexWordLayout.tid(s.kernel().memory().word(0));
            for (int i = 0; i < s.threads(); i++) {
                int slot = m.slot(i);
                if (s.kernel().task(slot) == null || !s.kernel().task(slot).alive()) continue;
                if (m.semantics().variant.futexLookupOwner(s.kernel(), slot, tid) != owner) return Verdict.VIOLATED;
            }
            return Verdict.HOLDS;
        });
    }

    /** F5: the death of an owner reaches the next owner as FUTEX_OWNER_DIED, and strands no waiter. */
    static Property<FutexState, FutexStep> robustRecovery(FutexModel m) {
        return new Property.Always<>("robust-recovery",
                "after a thread dies holding a robust mutex, the next thread to take it sees FUTEX_OWNER_DIED, and no thread is left asleep on it", s -> {
            return switch (s.death()) {
                case FutexState.NO_DEATH -> Verdict.VACUOUS;
                case FutexState.DEATH_MISSED -> Verdict.VIOLATED;
                case FutexState.DEATH_LEARNED -> Verdict.HOLDS;
                default -> {
                    // Stranded: asleep in the kernel on the word with no one left to wake it. (Threads
                    // glibc parked after ESRCH/EDEADLK are no-lost-wakeup's business.)
                    if (!m.quiescent(s)) yield Verdict.HOLDS;
                    for (int i = 0; i < s.threads(); i++)
                        if (s.kernel().memory().waiterOf(m.slot(i)) != null) yield Verdict.VIOLATED;
                    yield Verdict.HOLDS;
                }
            };
        });
    }
}
