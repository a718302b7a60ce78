package nscheck.model.futex;

import nscheck.model.ModelException;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.state.Kernel;
import nscheck.spec.call.Outcome;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.call.Syscall;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the protocol threads live, built by real calls from a booted kernel, and the shared
 * mapping they all address (made before the forks, so every task inherits it).
 */
enum ThreadLayout {
    /**
     * One process P in the root namespace and its threads (clone(CLONE_THREAD)): every thread
     * reads every TID in the same namespace.
     */
    SAME_NAMESPACE,
    /**
     * A host process P in the root namespace, and a container: P forks Q with CLONE_NEWPID (Q is
     * the container's init, TID 1, and takes no part), and Q's threads Q2, Q3, ... (TIDs 2, 3, ...
     * inside, 4, 5, ... outside) share the word with P. The container's TIDs mean something else, or
     * nothing, in the root namespace, and P's TID means something else, or nothing, inside.
     */
    CROSS_NAMESPACE;

    /** The kernel after setup and the slots of the protocol threads, in order. */
    record Setup(Kernel kernel, int[] threads) {}

    Setup build(Semantics s, int threads, int words) {
        Kernel k = s.boot().withMemory(SharedMemory.zeroed(words));
        List<Integer> slots = new ArrayList<>();
        Outcome p = run(s, k, Kernel.ROOT_INIT, new Syscall.Clone(0));
        k = p.next();
        slots.add(p.observation().about());
        int leader = p.observation().about();
        if (this == CROSS_NAMESPACE) {
            Outcome q = run(s, k, leader, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
            k = q.next();
            leader = q.observation().about();
        }
        while (slots.size() < threads) {
            Outcome t = run(s, k, leader, new Syscall.Clone(CloneFlags.CLONE_THREAD));
            k = t.next();
            slots.add(t.observation().about());
        }
        return new Setup(k, slots.stream().mapToInt(Integer::intValue).toArray());
    }

    /** One setup call; its observation names the new task. */
    private static Outcome run(Semantics s, Kernel k, int actor, Syscall call) {
        List<Outcome> outs = s.step(k, actor, call);
        if (outs.isEmpty() || outs.get(0).observation().failed())
            throw new ModelException("setup call " + call + " failed: the bounds are too small for the layout");
        return outs.get(0);
    }
}
