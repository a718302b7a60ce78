package nscheck.checkers.conform;

import nscheck.spec.state.Kernel;
import nscheck.spec.call.Outcome;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Scenarios from the spec itself: the shortest trace to every distinct state up to a depth
 * (breadth-first, the traces that end at the frontier or at a dead end), and random walks that go
 * deeper. Only steps the kernel can reproduce deterministically are taken (see {@link SpecReplay}).
 * The random choices are the runner's, never the spec's, and are fixed by a seed.
 */
final class ScenarioGenerator {
    private static final int MAX_STATES = 40_000;

    private final Semantics semantics;
    private final Area area;
    /** Generating thousands of scenarios takes seconds: Ctrl-C must not wait for it. */
    private java.util.function.BooleanSupplier stopped = () -> false;

    ScenarioGenerator(Semantics semantics, Area area) {
        this.semantics = semantics;
        this.area = area;
    }

    ScenarioGenerator stopWhen(java.util.function.BooleanSupplier condition) {
        this.stopped = condition;
        return this;
    }

    private Kernel setupState() {
        Kernel k = SpecReplay.initial(semantics, area.words());
        for (Scenario.Step s : area.setup()) {
            Outcome o = SpecReplay.single(semantics, k, s);
            if (o == null || o.observation().failed()) throw new IllegalStateException("setup step " + s + " failed in the spec");
            k = o.next();
        }
        return k;
    }

    private record Edge(Scenario.Step step, Kernel next) {}

    /** Every deterministic step out of {@code k}: the forced one if the kernel acts by itself, else every menu call. */
    private List<Edge> successors(Kernel k) {
        List<Edge> out = new ArrayList<>();
        Scenario.Step forced = SpecReplay.forcedNext(k);
        if (forced != null) {
            Outcome o = SpecReplay.single(semantics, k, forced);
            if (o != null) out.add(new Edge(forced, o.next()));
            return out;
        }
        for (int slot = 0; slot < k.taskSlots(); slot++) {
            Task t = k.task(slot);
            if (t == null || !t.alive()) continue;
            for (Syscall call : area.menu().calls(k, slot)) {
                Scenario.Step step = new Scenario.Step(slot, call);
                Outcome o = SpecReplay.single(semantics, k, step);
                if (o != null) out.add(new Edge(step, o.next()));
            }
        }
        return out;
    }

    private record Node(Kernel kernel, List<Scenario.Step> path) {}

    /** Up to {@code count} breadth-first traces of at most {@code depth} steps after the setup, chosen by {@code random}. */
    List<Scenario> breadthFirst(int depth, int count, Random random) {
        Set<Long> seen = new HashSet<>();
        Kernel start = setupState();
        seen.add(start.fingerprint());
        ArrayDeque<Node> queue = new ArrayDeque<>();
        queue.add(new Node(start, List.of()));
        List<List<Scenario.Step>> leaves = new ArrayList<>();
        while (!queue.isEmpty() && !stopped.getAsBoolean()) {
            Node n = queue.poll();
            if (n.path().size() >= depth) {
                leaves.add(n.path());
                continue;
            }
            boolean extended = false;
            for (Edge e : successors(n.kernel())) {
                if (seen.size() >= MAX_STATES || !seen.add(e.next().fingerprint())) continue;
                List<Scenario.Step> p = new ArrayList<>(n.path());
                p.add(e.step());
                queue.add(new Node(e.next(), p));
                extended = true;
            }
            if (!extended) leaves.add(n.path());
        }
        Collections.shuffle(leaves, random);
        List<Scenario> out = new ArrayList<>();
        for (List<Scenario.Step> p : leaves) {
            if (out.size() >= count) break;
            if (!p.isEmpty()) out.add(scenario(p));
        }
        return out;
    }

    /** {@code count} distinct random walks of up to {@code length} steps after the setup. */
    List<Scenario> randomWalks(int length, int count, Random random) {
        Set<List<Scenario.Step>> walks = new LinkedHashSet<>();
        for (int attempt = 0; attempt < count * 4 && walks.size() < count && !stopped.getAsBoolean(); attempt++) {
            Kernel k = setupState();
            List<Scenario.Step> path = new ArrayList<>();
            while (path.size() < length) {
                List<Edge> next = successors(k);
                if (next.isEmpty()) break;
                Edge e = next.get(random.nextInt(next.size()));
                path.add(e.step());
                k = e.next();
            }
            if (!path.isEmpty()) walks.add(path);
        }
        List<Scenario> out = new ArrayList<>();
        for (List<Scenario.Step> p : walks) out.add(scenario(p));
        return out;
    }

    /** The setup, the path, and the steps the kernel then takes by itself (pending deaths, woken returns). */
    private Scenario scenario(List<Scenario.Step> path) {
        List<Scenario.Step> steps = new ArrayList<>(area.setup());
        steps.addAll(path);
        Kernel k = setupState();
        for (Scenario.Step s : path) k = SpecReplay.single(semantics, k, s).next();
        for (Scenario.Step forced = SpecReplay.forcedNext(k); forced != null; forced = SpecReplay.forcedNext(k)) {
            Outcome o = SpecReplay.single(semantics, k, forced);
            if (o == null) break;
            steps.add(forced);
            k = o.next();
        }
        return new Scenario(area.name(), area.words(), steps);
    }
}
