package nscheck.checkers.walk;

import nscheck.model.Model;
import nscheck.model.Transition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How a random walk chooses its next step. Uniform choice over transitions starves rare calls:
 * a state offers one prctl(PR_SET_CHILD_SUBREAPER) per task but a kill and a setns for every
 * PID, and the bug may need the rare call several times. So, as in swarm testing (Groce et al.,
 * "Swarm Testing", ISSTA 2012), each walk enables a random subset of the action families,
 * which also lets a walk run long without the calls that would undo what it built (no exit,
 * no kill); and within a step the family is chosen first, uniformly among the enabled families
 * that have a transition, then the transition within it.
 */
final class Swarm {
    private final Set<String> enabled;

    private Swarm(Set<String> enabled) {
        this.enabled = enabled;
    }

    /** Each family is enabled with probability 1/2; at least one is. */
    static Swarm choose(List<String> families, SplittableRandom rnd) {
        Set<String> on = new LinkedHashSet<>();
        for (String f : families) if (rnd.nextBoolean()) on.add(f);
        if (on.isEmpty() && !families.isEmpty()) on.add(families.get(rnd.nextInt(families.size())));
        return new Swarm(on);
    }

    Set<String> enabled() {
        return enabled;
    }

    /**
     * The next transition among {@code all} (not empty). If none of the enabled families is
     * possible here, every family is, so that a walk stops only where the model has no step.
     */
    <S, A> Transition<S, A> pick(Model<S, A> model, List<Transition<S, A>> all, SplittableRandom rnd) {
        Map<String, List<Transition<S, A>>> byFamily = new LinkedHashMap<>();
        for (Transition<S, A> t : all) {
            String f = model.family(t.action());
            if (enabled.contains(f)) byFamily.computeIfAbsent(f, k -> new ArrayList<>()).add(t);
        }
        if (byFamily.isEmpty())
            for (Transition<S, A> t : all) byFamily.computeIfAbsent(model.family(t.action()), k -> new ArrayList<>()).add(t);
        List<List<Transition<S, A>>> groups = new ArrayList<>(byFamily.values());
        List<Transition<S, A>> group = groups.get(rnd.nextInt(groups.size()));
        return group.get(rnd.nextInt(group.size()));
    }
}
