package nscheck.model.futex;

import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import nscheck.spec.state.FutexWordLayout;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Threads running a user-space mutex protocol on a shared futex word, over the spec's kernel:
 * any thread that can move takes its next atomic step, so the search explores every interleaving
 * of the protocol's atomics and futex calls. Each thread makes {@code rounds} lock/unlock rounds.
 */
public final class FutexModel implements Model<FutexState, FutexStep> {
    private final String name;
    private final String description;
    private final Map<String, Integer> bounds;
    private final Semantics semantics;
    private final MutexProtocol protocol;
    private final int[] slots;
    private final FutexState initial;
    private final int rounds;
    private final List<Property<FutexState, FutexStep>> properties;

    FutexModel(String name, String description, Map<String, Integer> bounds, Semantics semantics,
               MutexProtocol protocol, ThreadLayout layout, List<String> invariants) {
        this.name = name;
        this.description = description;
        this.bounds = Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
        this.semantics = semantics;
        this.protocol = protocol;
        this.rounds = bounds.get("rounds");
        ThreadLayout.Setup setup = layout.build(semantics, bounds.get("threads"), 1);
        this.slots = setup.threads();
        this.initial = new FutexState(setup.kernel(), new byte[slots.length], new byte[slots.length], FutexState.NO_DEATH);
        List<Property<FutexState, FutexStep>> props = new ArrayList<>();
        for (String inv : invariants) props.add(FutexInvariants.named(inv, this));
        this.properties = List.copyOf(props);
    }

    Semantics semantics() { return semantics; }

    MutexProtocol protocol() { return protocol; }

    /** The kernel slot of protocol thread {@code thread}. */
    int slot(int thread) { return slots[thread]; }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public String variant() { return semantics.variant.name(); }

    @Override public Map<String, Integer> bounds() { return bounds; }

    @Override public List<FutexState> initialStates() { return List.of(initial); }

    @Override public List<Property<FutexState, FutexStep>> properties() { return properties; }

    @Override public long fingerprint(FutexState state) { return state.fingerprint(); }

    @Override public int maxDepth() { return bounds.getOrDefault("steps", 0); }

    @Override public List<String> actionFamilies() { return protocol.families(); }

    @Override public String family(FutexStep step) { return step.family(); }

    @Override
    public void successors(FutexState state, Consumer<Transition<FutexState, FutexStep>> out) {
        for (int i = 0; i < slots.length; i++) {
            int pc = state.pc(i);
            Task t = state.kernel().task(slots[i]);
            if (protocol.finished(pc) || t == null || !t.alive()) continue;
            for (Move m : protocol.steps(semantics, state, i, slots[i], pc, state.death() == FutexState.NO_DEATH))
                out.accept(new Transition<>(new FutexStep(i, slots[i], m.family(), m.text(), m.result()), apply(state, i, m)));
        }
    }

    private FutexState apply(FutexState s, int i, Move m) {
        int done = s.rounds()[i];
        int pc = m.pc();
        if (pc == Move.ROUND_DONE) {
            done++;
            pc = done < rounds ? 0 : protocol.donePc();
        }
        int death = s.death();
        if (m.died()) death = FutexState.DEATH_PENDING;
        else if (m.acquired() && death == FutexState.DEATH_PENDING)
            death = FutexWordLayout.ownerDied(m.kernel().memory().word(0)) ? FutexState.DEATH_LEARNED : FutexState.DEATH_MISSED;
        return s.with(m.kernel(), i, pc, done, death);
    }

    /** No thread can take a step: every thread has finished, or sleeps with nobody left to wake it. */
    boolean quiescent(FutexState state) {
        boolean[] any = {false};
        successors(state, t -> any[0] = true);
        return !any[0];
    }

    @Override
    public TraceStep describe(FutexState pre, FutexStep step, FutexState post) {
        Task t = pre.kernel().task(step.slot());
        return new TraceStep("T" + step.slot(), "TID " + t.nsPid(), step.family(), Map.of(), step.text(), step.result());
    }

    @Override
    public String describeState(FutexState s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < slots.length; i++) {
            Task t = s.kernel().task(slots[i]);
            b.append('T').append(slots[i]).append('[').append(t == null ? "gone" : t.nsPid()).append("] ")
                    .append(protocol.pcName(s.pc(i))).append("; ");
        }
        b.append(s.kernel().memory());
        if (s.death() != FutexState.NO_DEATH)
            b.append("; owner death ").append(new String[] {"", "pending", "learned", "missed"}[s.death()]);
        return b.toString();
    }
}
