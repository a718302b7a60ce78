import nscheck.model.ModelCatalog;
import nscheck.model.Transition;
import nscheck.model.kernel.KernelModel;
import nscheck.model.kernel.KernelStep;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Does partial-order reduction pay on the kernel models (issue 14, item 3)? Measures, builds
 * nothing: over the reachable states of each model (every state, or the states whose mixed
 * fingerprint is 0 modulo {@code --sample K}), it takes every pair of enabled actions (task, call)
 * of two different tasks and counts how many commute: neither disables the other, and both
 * orders reach the same set of states (and, stricter, with the same results for both calls). It
 * then asks how large an ample set (Clarke, Grumberg and Peled, ch. 10) could be:
 *
 * <ul>
 *   <li>by the static rule of issue 14, "tasks in disjoint PID namespaces touching disjoint
 *       objects": a task's PID namespaces are every namespace it holds a number in, or numbers
 *       its children in, or shows in its /proc (with their ancestors);</li>
 *   <li>by a relaxed static rule: the tasks' own (active) namespaces are not ancestor and
 *       descendant, and neither task is the other's parent, child or thread;</li>
 *   <li>by the dynamic relation itself, state by state, a task's actions together or any set of
 *       actions closed under it (upper bounds: a real ample set must stay independent on every path
 *       on, and its actions must be invisible to the invariants).</li>
 * </ul>
 *
 * Run from the repository root, after building the jar (./nscheck --version does):
 * <pre>
 *   java -Xmx3g -cp checkers/target/nscheck.jar bench/IndependenceCensus.java --sample 128 pidns-large
 * </pre>
 */
public class IndependenceCensus {
    public static void main(String[] args) {
        int sample = 1;
        List<String> models = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sample")) sample = Integer.parseInt(args[++i]);
            else models.add(args[i]);
        }
        if (models.isEmpty()) {
            System.err.println("usage: IndependenceCensus [--sample K] MODEL...");
            System.exit(2);
        }
        for (String name : models) census((KernelModel) ModelCatalog.find(name).build(Map.of(), null), sample);
    }

    /** One action (task, call) enabled in a state, with its outcomes. */
    record Action(int task, Syscall call) {}

    record Outcome(Kernel next, Observation result) {}

    static final class Counts {
        long states, sampled, actions, pairs, commute, commuteSameResults, disabling, sameStateOnly;
        long strictIndependentPairs, relaxedIndependentPairs, relaxedButDependent;
        long enabledTransitions, strictAmple, relaxedAmple, dynamicAmple;
        long statesRelaxedReduces, statesDynamicReduces, actionAmple, statesActionReduces;
    }

    static void census(KernelModel m, int sample) {
        Counts c = new Counts();
        Set<Long> seen = new HashSet<>();
        ArrayDeque<Kernel> queue = new ArrayDeque<>();
        for (Kernel k : m.initialStates()) if (seen.add(k.fingerprint())) queue.add(k);
        while (!queue.isEmpty()) {
            Kernel s = queue.poll();
            c.states++;
            Map<Action, List<Outcome>> enabled = actions(m, s);
            for (List<Outcome> outs : enabled.values())
                for (Outcome o : outs) if (seen.add(o.next().fingerprint())) queue.add(o.next());
            if (mix(s.fingerprint()) % sample == 0) judge(m, s, enabled, c);
        }
        report(m, sample, c);
    }

    static Map<Action, List<Outcome>> actions(KernelModel m, Kernel s) {
        Map<Action, List<Outcome>> out = new LinkedHashMap<>();
        m.successors(s, (Transition<Kernel, KernelStep> t) ->
                out.computeIfAbsent(new Action(t.action().actor(), t.action().call()), a -> new ArrayList<>())
                        .add(new Outcome(t.next(), t.action().result())));
        return out;
    }

    static void judge(KernelModel m, Kernel s, Map<Action, List<Outcome>> enabled, Counts c) {
        c.sampled++;
        List<Action> acts = new ArrayList<>(enabled.keySet());
        c.actions += acts.size();
        // What every action leads to, and what is enabled there: computed once per outcome.
        Map<Kernel, Map<Action, List<Outcome>>> after = new HashMap<>();
        for (List<Outcome> outs : enabled.values()) for (Outcome o : outs) after.computeIfAbsent(o.next(), k -> actions(m, k));
        Set<Integer> tasks = new java.util.TreeSet<>();
        for (Action a : acts) tasks.add(a.task());
        // dependent[i][j]: some action of task i does not commute with some action of task j, here.
        Map<Integer, Set<Integer>> dynamicDependent = new HashMap<>(), strictDependent = new HashMap<>(), relaxedDependent = new HashMap<>();
        Map<Integer, Set<Integer>> actionDependent = new HashMap<>();
        for (int x = 0; x < acts.size(); x++) {
            for (int y = x + 1; y < acts.size(); y++) {
                Action a = acts.get(x), b = acts.get(y);
                Verdict v = commute(enabled, after, a, b);
                if (v != Verdict.COMMUTE) link(actionDependent, x, y);
                if (a.task() == b.task()) continue;
                c.pairs++;
                if (v == Verdict.DISABLES) c.disabling++;
                if (v == Verdict.COMMUTE || v == Verdict.SAME_STATES) c.commute++;
                if (v == Verdict.COMMUTE) c.commuteSameResults++;
                if (v == Verdict.SAME_STATES) c.sameStateOnly++;
                boolean strict = disjointNamespaces(s, a.task(), b.task());
                boolean relaxed = unrelated(s, a.task(), b.task());
                if (strict) c.strictIndependentPairs++;
                if (relaxed) c.relaxedIndependentPairs++;
                if (relaxed && v != Verdict.COMMUTE) c.relaxedButDependent++;
                if (v != Verdict.COMMUTE) link(dynamicDependent, a.task(), b.task());
                if (!strict) link(strictDependent, a.task(), b.task());
                if (!relaxed) link(relaxedDependent, a.task(), b.task());
            }
        }
        int all = 0;
        Map<Integer, Integer> perTask = new HashMap<>();
        for (Map.Entry<Action, List<Outcome>> e : enabled.entrySet()) {
            all += e.getValue().size();
            perTask.merge(e.getKey().task(), e.getValue().size(), Integer::sum);
        }
        c.enabledTransitions += all;
        int strictAmple = smallestClosedSet(tasks, strictDependent, perTask, all);
        int relaxedAmple = smallestClosedSet(tasks, relaxedDependent, perTask, all);
        int dynamicAmple = smallestClosedSet(tasks, dynamicDependent, perTask, all);
        // Action by action: the smallest set closed under the dependency of this state that holds an
        // action leaving the state (an ample set of self-loops only would break the cycle proviso).
        int actionAmple = all;
        for (int x = 0; x < acts.size(); x++) {
            Kernel here = s;
            if (enabled.get(acts.get(x)).stream().allMatch(o -> o.next().equals(here))) continue;
            int size = 0;
            Set<Integer> closed = new HashSet<>(List.of(x));
            ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(x));
            while (!todo.isEmpty()) {
                int u = todo.poll();
                size += enabled.get(acts.get(u)).size();
                for (int w : actionDependent.getOrDefault(u, Set.of())) if (closed.add(w)) todo.add(w);
            }
            actionAmple = Math.min(actionAmple, size);
        }
        c.actionAmple += actionAmple;
        if (actionAmple < all) c.statesActionReduces++;
        c.strictAmple += strictAmple;
        c.relaxedAmple += relaxedAmple;
        c.dynamicAmple += dynamicAmple;
        if (relaxedAmple < all) c.statesRelaxedReduces++;
        if (dynamicAmple < all) c.statesDynamicReduces++;
    }

    enum Verdict { COMMUTE, SAME_STATES, DIFFERENT, DISABLES }

    /**
     * a then b against b then a, over every outcome of each: DISABLES if one disables the other
     * after some outcome, COMMUTE if both orders reach the same states with the same results,
     * SAME_STATES if only the states agree.
     */
    static Verdict commute(Map<Action, List<Outcome>> enabled, Map<Kernel, Map<Action, List<Outcome>>> after, Action a, Action b) {
        Set<List<Object>> ab = new HashSet<>(), ba = new HashSet<>();
        Set<Long> abStates = new HashSet<>(), baStates = new HashSet<>();
        if (!follow(enabled.get(a), after, b, ab, abStates, false)) return Verdict.DISABLES;
        if (!follow(enabled.get(b), after, a, ba, baStates, true)) return Verdict.DISABLES;
        if (!abStates.equals(baStates)) return Verdict.DIFFERENT;
        return ab.equals(ba) ? Verdict.COMMUTE : Verdict.SAME_STATES;
    }

    /** Every (state, result of a, result of b) reached by first then second; false if second is disabled after some outcome. */
    static boolean follow(List<Outcome> first, Map<Kernel, Map<Action, List<Outcome>>> after, Action second,
                          Set<List<Object>> out, Set<Long> states, boolean swapped) {
        for (Outcome o : first) {
            List<Outcome> next = after.get(o.next()).get(second);
            if (next == null) return false;
            for (Outcome p : next) {
                out.add(swapped ? List.of(p.next().fingerprint(), p.result(), o.result()) : List.of(p.next().fingerprint(), o.result(), p.result()));
                states.add(p.next().fingerprint());
            }
        }
        return true;
    }

    /** Issue 14's rule: the two tasks share no PID namespace (each with its ancestors: get_pid_ns pins them). */
    static boolean disjointNamespaces(Kernel k, int i, int j) {
        Set<Integer> a = namespaces(k, k.task(i)), b = namespaces(k, k.task(j));
        a.retainAll(b);
        return a.isEmpty();
    }

    static Set<Integer> namespaces(Kernel k, Task t) {
        Set<Integer> out = new HashSet<>();
        for (int l = 0; l <= t.level(); l++) withAncestors(k, t.nsAtLevel(l), out);
        withAncestors(k, t.nsForChildren, out);
        withAncestors(k, t.procNs, out);
        return out;
    }

    static void withAncestors(Kernel k, int ns, Set<Integer> out) {
        for (int n = ns; n >= 0 && k.ns(n) != null && out.add(n); n = k.ns(n).parent()) { }
    }

    /** The relaxed rule: own namespaces not ancestor and descendant, and not parent, child or thread of each other. */
    static boolean unrelated(Kernel k, int i, int j) {
        Task a = k.task(i), b = k.task(j);
        if (k.isSelfOrDescendant(a.activeNs(), b.activeNs()) || k.isSelfOrDescendant(b.activeNs(), a.activeNs())) return false;
        if (a.parent == j || b.parent == i) return false;
        return k.groupLeader(i) != k.groupLeader(j);
    }

    static void link(Map<Integer, Set<Integer>> dep, int i, int j) {
        dep.computeIfAbsent(i, x -> new HashSet<>()).add(j);
        dep.computeIfAbsent(j, x -> new HashSet<>()).add(i);
    }

    /**
     * The fewest transitions an ample set could hold: the tasks dependent on a task, transitively,
     * must come with it, so the candidates are the connected classes of the dependency relation.
     */
    static int smallestClosedSet(Set<Integer> tasks, Map<Integer, Set<Integer>> dep, Map<Integer, Integer> perTask, int all) {
        int best = all;
        Set<Integer> done = new HashSet<>();
        for (int t : tasks) {
            if (done.contains(t)) continue;
            int size = 0;
            ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(t));
            done.add(t);
            while (!todo.isEmpty()) {
                int u = todo.poll();
                size += perTask.getOrDefault(u, 0);
                for (int w : dep.getOrDefault(u, Set.of())) if (done.add(w)) todo.add(w);
            }
            best = Math.min(best, size);
        }
        return best;
    }

    static long mix(long fp) {
        fp ^= fp >>> 33;
        fp *= 0xff51afd7ed558ccdL;
        fp ^= fp >>> 33;
        return fp & Long.MAX_VALUE;
    }

    static void report(KernelModel m, int sample, Counts c) {
        System.out.printf("%s: %,d reachable states, %,d judged (%s)%n", m.name(), c.states, c.sampled,
                sample == 1 ? "every state" : "1 in " + sample + " by fingerprint");
        System.out.printf("  enabled actions (task, call) per judged state: %.2f; transitions: %.2f%n",
                c.actions / (double) c.sampled, c.enabledTransitions / (double) c.sampled);
        System.out.printf("  pairs of actions of two different tasks: %,d%n", c.pairs);
        System.out.printf("    commute (neither disables the other, same states both ways): %,d (%s)%n", c.commute, pct(c.commute, c.pairs));
        System.out.printf("      of which with the same results too: %,d (%s); states only: %,d%n", c.commuteSameResults, pct(c.commuteSameResults, c.pairs), c.sameStateOnly);
        System.out.printf("    one disables the other: %,d (%s)%n", c.disabling, pct(c.disabling, c.pairs));
        System.out.printf("    different states in the two orders: %,d (%s)%n", c.pairs - c.commute - c.disabling, pct(c.pairs - c.commute - c.disabling, c.pairs));
        System.out.printf("  issue 14's rule (tasks in disjoint PID namespaces): independent pairs %,d (%s)%n", c.strictIndependentPairs, pct(c.strictIndependentPairs, c.pairs));
        System.out.printf("    smallest ample set / enabled transitions: %s%n", pct(c.strictAmple, c.enabledTransitions));
        System.out.printf("  relaxed rule (own namespaces unrelated, not parent, child or thread): independent pairs %,d (%s), of which %,d do not commute%n",
                c.relaxedIndependentPairs, pct(c.relaxedIndependentPairs, c.pairs), c.relaxedButDependent);
        System.out.printf("    smallest ample set / enabled transitions: %s; states with a smaller one: %s%n",
                pct(c.relaxedAmple, c.enabledTransitions), pct(c.statesRelaxedReduces, c.sampled));
        System.out.printf("  dynamic relation, state by state (an upper bound): smallest ample set / enabled transitions: %s; states with a smaller one: %s%n",
                pct(c.dynamicAmple, c.enabledTransitions), pct(c.statesDynamicReduces, c.sampled));
        System.out.printf("    action by action (any set of actions closed under dependency, one leaving the state): %s; states with a smaller one: %s%n",
                pct(c.actionAmple, c.enabledTransitions), pct(c.statesActionReduces, c.sampled));
    }

    static String pct(long part, long whole) {
        return whole == 0 ? "-" : String.format("%.1f%%", 100.0 * part / whole);
    }
}
