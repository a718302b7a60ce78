package nscheck.model.futex;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.StateHasher;

import java.util.Arrays;

/**
 * A state of a futex model: the kernel (tasks, namespaces, shared words, futex queues) and, per
 * protocol thread, its program counter and how many lock/unlock rounds it has completed.
 *
 * @param death what became of a lock whose owner died holding it: {@link #NO_DEATH},
 *              {@link #DEATH_PENDING} (nobody has taken it since), {@link #DEATH_LEARNED} (the next
 *              owner saw FUTEX_OWNER_DIED) or {@link #DEATH_MISSED} (the next owner did not)
 */
public record FutexState(Kernel kernel, byte[] pc, byte[] rounds, int death) {
    public static final int NO_DEATH = 0;
    public static final int DEATH_PENDING = 1;
    public static final int DEATH_LEARNED = 2;
    public static final int DEATH_MISSED = 3;

    public int pc(int thread) {
        return pc[thread];
    }

    public int threads() {
        return pc.length;
    }

    public FutexState with(Kernel k, int thread, int newPc, int newRounds, int newDeath) {
        byte[] p = pc.clone();
        byte[] r = rounds.clone();
        p[thread] = (byte) newPc;
        r[thread] = (byte) newRounds;
        return new FutexState(k, p, r, newDeath);
    }

    long fingerprint() {
        StateHasher h = new StateHasher();
        kernel.hashInto(h);
        for (int i = 0; i < pc.length; i++) h.add(pc[i] * 256L + rounds[i]);
        h.add(death);
        return h.value();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof FutexState s && death == s.death && Arrays.equals(pc, s.pc)
                && Arrays.equals(rounds, s.rounds) && kernel.equals(s.kernel));
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kernel.hashCode() + Arrays.hashCode(pc)) + Arrays.hashCode(rounds) + death;
    }

    @Override
    public String toString() {
        return kernel + " pcs " + Arrays.toString(pc) + " rounds " + Arrays.toString(rounds) + (death != NO_DEATH ? " death " + death : "");
    }
}
