package nscheck.checkers.conform;

import nscheck.spec.call.HandlerCall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handlers area reaches what it claims within the CI suite's 40 scenarios, on the spec's side
 * (ConformanceTest and .ci/run run it on the kernel): handlers reporting a sender by its number
 * and by 0, nothing to read, pending signals, and an unblocking that kills.
 */
class HandlersAreaTest {
    private static final int PID_MAX = 4194304;
    private static final Semantics KERNEL_LIKE = new Semantics(Mainline.INSTANCE, new Limits(24, Limits.MAX_PID_NS_LEVEL - 1, PID_MAX));

    @Test
    void fortyScenariosReachTheHandlersOutcomes() {
        ScenarioGenerator gen = new ScenarioGenerator(KERNEL_LIKE, Area.named(HandlersArea.NAME, PID_MAX));
        Random random = new Random(1 ^ HandlersArea.NAME.hashCode());
        Set<Scenario> unique = new LinkedHashSet<>(gen.breadthFirst(3, 20, random));
        unique.addAll(gen.randomWalks(10, 40 - unique.size(), random));
        Set<String> seen = new TreeSet<>();
        for (Scenario s : new ArrayList<>(unique)) {
            Prediction p = SpecReplay.predict(KERNEL_LIKE, s);
            if (p == null) continue;
            for (int i = 0; i < p.steps().size(); i++) {
                var call = s.steps().get(i).call();
                String r = p.steps().get(i).result();
                if (call instanceof HandlerCall.Handled h) seen.add(h.field() + (r.startsWith("= -1") ? " " + r : r.equals("= 0") ? " 0" : " value"));
                if (call instanceof HandlerCall.Sigpending && !r.equals("= 0")) seen.add("pending");
                if (call instanceof HandlerCall.Sigprocmask && r.equals("= ?")) seen.add("unblocked fatal");
            }
        }
        for (String want : List.of("SI_PID value", "SI_PID 0", "SI_SIGNO value", "SI_PID = -1 EAGAIN", "pending"))
            assertTrue(seen.contains(want), want + " in " + seen);
    }
}
