package nscheck.checkers.walk;

import nscheck.checkers.engine.Coverage;
import nscheck.checkers.trace.PropertyCheck;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.Transition;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random walks through a model, for state spaces too large to enumerate. Every property is
 * checked at every step (state invariants on each state reached, step invariants on each
 * transition), exactly as the BFS checks them. A walk ends at its depth, where the model has no
 * step, or at its first violation. Walks are reproducible: all randomness comes from one
 * SplittableRandom per walk, seeded as {@link SimulationOptions#seed()} describes, and the
 * model's successors are deterministic.
 */
public final class Simulation<S, A> {
    private final Model<S, A> model;
    private final SimulationOptions options;
    private volatile boolean stopRequested;
    /** Walks finished so far, for progress lines read from another thread. */
    private volatile int walksDone;

    public Simulation(Model<S, A> model, SimulationOptions options) {
        this.model = model;
        this.options = options;
    }

    /** Asks a running simulation to stop after the current walk (e.g. on Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
    }

    public int walksDone() {
        return walksDone;
    }

    public SimulationResult<S, A> run() {
        List<Property<S, A>> props = model.properties();
        List<String> done = new ArrayList<>();
        List<SimulationResult.Found<S, A>> found = new ArrayList<>();
        Coverage coverage = new Coverage(model.actionFamilies());
        List<S> initial = model.initialStates();
        SplittableRandom seeds = new SplittableRandom(options.seed());
        long start = System.nanoTime();
        long steps = 0;
        int walks = 0;
        for (int w = 0; w < options.walks() && !stopRequested; w++) {
            long walkSeed = w == 0 ? options.seed() : seeds.nextLong();
            boolean deadlockLive = model.deadlockIsViolation() && !done.contains(Violation.DEADLOCK);
            Violation<S, A> v;
            try {
                List<Property<S, A>> live = props.stream().filter(p -> !done.contains(p.name())).toList();
                v = walk(new SplittableRandom(walkSeed), initial, live, deadlockLive, coverage);
            } catch (RuntimeException e) {
                throw new IllegalStateException("model " + model.name() + " failed in walk " + w + " (walk seed " + walkSeed
                        + "; rerun with --seed " + walkSeed + " --walks 1): " + e, e);
            }
            walks++;
            walksDone = walks;
            steps += lastWalkSteps;
            if (v != null && !done.contains(v.property())) {
                found.add(new SimulationResult.Found<>(v, w, walkSeed));
                done.add(v.property());
                if (!options.continueAfterViolation() || done.size() == props.size() + (model.deadlockIsViolation() ? 1 : 0)) break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new SimulationResult<>(model, options, List.copyOf(found), walks, steps, seconds, coverage);
    }

    private int lastWalkSteps;

    /**
     * One walk; its first violation of a {@code live} property, or null. A property already found
     * violated (when the simulation continues after violations) is no longer checked, so later
     * walks go past its violations, as the BFS does with --continue: on futex-pi-crossns
     * owner-identity breaks at the first lock, and mutual exclusion only several steps later.
     */
    private Violation<S, A> walk(SplittableRandom rnd, List<S> initial, List<Property<S, A>> live, boolean deadlockLive,
                                 Coverage coverage) {
        Swarm swarm = Swarm.choose(model.actionFamilies(), rnd);
        S s = initial.get(initial.size() == 1 ? 0 : rnd.nextInt(initial.size()));
        S first = s;
        List<Trace.Step<S, A>> path = new ArrayList<>();
        lastWalkSteps = 0;
        Property<S, A> broken = PropertyCheck.violatedBy(live, s);
        if (broken != null) return new Violation<>(broken.name(), broken.statement(), new Trace<>(first, List.of()));
        List<Transition<S, A>> all = new ArrayList<>();
        for (int d = 0; d < options.depth(); d++) {
            all.clear();
            model.successors(s, all::add);
            if (all.isEmpty()) {
                if (deadlockLive)
                    return new Violation<>(Violation.DEADLOCK, "every reachable state has a successor", new Trace<>(first, List.copyOf(path)));
                return null;
            }
            Transition<S, A> t = swarm.pick(model, all, rnd);
            coverage.count(model.family(t.action()));
            path.add(new Trace.Step<>(s, t.action(), t.next()));
            lastWalkSteps++;
            broken = PropertyCheck.violatedBy(live, s, t.action(), t.next());
            s = t.next();
            if (broken != null) return new Violation<>(broken.name(), broken.statement(), new Trace<>(first, List.copyOf(path)));
        }
        return null;
    }
}
