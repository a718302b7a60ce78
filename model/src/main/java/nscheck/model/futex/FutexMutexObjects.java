package nscheck.model.futex;

import nscheck.model.FingerprintSink;
import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.Property;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import nscheck.model.Verdict;
import nscheck.spec.state.Fmix64;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link FutexMutex}'s system as an ordinary object model (issue 14: the benchmark on the generic
 * path): a state is a value with a pc per thread and the futex queue as an array of thread ids,
 * so it has no 3-bit limit on thread ids and runs on the object engines with their
 * {@code StateCodec} frontier. Same transitions, in the same order, as FutexMutex: equal counts
 * (FutexMutexObjectsTest, N = 2..5 and the packed model's N = 6).
 */
public final class FutexMutexObjects implements Model<FutexMutexObjects.State, FutexMutexObjects.Step> {
    /** Up to 12 threads: the queue length and the ids stay small, a state stays a few dozen bytes. */
    public static final int MAX_THREADS = 12;

    /** val, the pc of each thread, the queue from its head. Arrays are never written after construction. */
    public static final class State {
        final int val;
        final byte[] pc;
        final byte[] queue;

        State(int val, byte[] pc, byte[] queue) {
            this.val = val;
            this.pc = pc;
            this.queue = queue;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.val == val && Arrays.equals(s.pc, pc) && Arrays.equals(s.queue, queue);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * val + Arrays.hashCode(pc)) + Arrays.hashCode(queue);
        }
    }

    /** Thread {@code thread} took the step of family {@code family}. */
    public record Step(int thread, String family) {}

    private static final int CAS = FutexPc.CAS.code();
    private static final int XCHG = FutexPc.XCHG.code();
    private static final int WAIT = FutexPc.WAIT.code();
    private static final int SLEEP = FutexPc.SLEEP.code();
    private static final int CS = FutexPc.CS.code();
    private static final int STORE = FutexPc.STORE.code();
    private static final int WAKE = FutexPc.WAKE.code();
    private static final List<String> FAMILIES = FutexMutex.FAMILIES; // the same steps as the packed model's
    private static final int[] FAMILY_OF_PC = FutexMutex.FAMILY_OF_PC;

    private final int threads;
    private final FutexMutex.Loop loop;
    private final int fin;
    private final List<Property<State, Step>> properties;
    /** Every step there is, made once: a step is a value, and the hot loop need not allocate it. */
    private final Step[][] steps;
    /** The same steps by thread and pc ({@code t << 3 | pc}), for the successors' fingerprints: one load. */
    private final Step[] stepAt;
    /** N!, the queue orders the exact key makes room for (up to {@link #EXACT_THREADS} threads). */
    private final long orders;

    public FutexMutexObjects(int threads, FutexMutex.Loop loop) {
        if (threads < 1 || threads > MAX_THREADS)
            throw new ModelException("threads must be between 1 and " + MAX_THREADS + ", not " + threads);
        this.threads = threads;
        this.loop = loop;
        this.fin = loop == FutexMutex.Loop.ONCE ? FutexPc.DONE.code() : CAS;
        this.steps = new Step[threads][FAMILIES.size()];
        for (int t = 0; t < threads; t++) for (int f = 0; f < FAMILIES.size(); f++) steps[t][f] = new Step(t, FAMILIES.get(f));
        this.stepAt = new Step[threads << 3];
        for (int t = 0; t < threads; t++)
            for (int pc = 0; pc < 8; pc++) if (pc != SLEEP && pc <= WAKE) stepAt[t << 3 | pc] = steps[t][FAMILY_OF_PC[pc]];
        this.orders = threads <= EXACT_THREADS ? FACTORIAL[threads] : 0;
        this.properties = List.of(
                new Property.Always<>("mutual-exclusion", "at most one thread is in the critical section", this::mutualExclusion),
                new Property.Always<>("no-lost-wakeup",
                        "while a thread sleeps on the futex, val is 2 or some thread is at XCHG, STORE or WAKE (someone will wake it)",
                        this::noLostWakeup));
    }

    @Override public String name() { return "futex-mutex-" + loop.label(); }

    @Override public String description() { return "FutexMutex as an object model (the benchmark on the generic path)"; }

    @Override public String variant() { return loop.label(); }

    @Override
    public Map<String, Integer> bounds() {
        Map<String, Integer> b = new LinkedHashMap<>();
        b.put("threads", threads);
        return b;
    }

    @Override
    public List<State> initialStates() {
        return List.of(new State(0, new byte[threads], new byte[0]));
    }

    @Override
    public void successors(State s, Consumer<Transition<State, Step>> out) {
        for (int t = 0; t < threads; t++) {
            State next = step(s, t);
            if (next != null) out.accept(new Transition<>(steps[t][FAMILY_OF_PC[s.pc[t]]], next));
        }
    }

    /** Up to {@link #EXACT_THREADS} threads a successor's fingerprint is its exact key, computed from the state and the step. */
    @Override
    public boolean fingerprintsBeforeBuilding() {
        return threads <= EXACT_THREADS;
    }

    /**
     * {@link #fingerprint} of each successor, from the state's key and what the step changes (val,
     * the thread's pc, and for an enqueue or a wake the queue and the woken thread's pc) without
     * building the successor: the same key as {@link #fingerprint}, the same order as {@link #successors}.
     */
    @Override
    public void successorFingerprints(State s, FingerprintSink<Step> out) {
        int n = threads;
        long pcs = 0;
        int sleepers = 0;
        for (int t = 0; t < n; t++) {
            int pc = s.pc[t];
            pcs = pcs << 3 | pc;
            if (pc == SLEEP) sleepers |= 1 << t;
        }
        long rank = n > EXACT_THREADS ? -1 : sleeperRank(s.queue, sleepers);
        if (rank < 0) { // beyond the exact key, or a queue that is not the sleepers (none is reachable)
            Model.super.successorFingerprints(s, out);
            return;
        }
        int val = s.val;
        for (int t = 0; t < n; t++) {
            int shift = 3 * (n - 1 - t);
            int pc = (int) (pcs >>> shift) & 7;
            long others = pcs & ~(7L << shift);
            int nextVal = val, nextPc;
            long nextRank = rank, nextOthers = others;
            switch (pc) {
                case 0: // CAS
                    if (val == 0) {
                        nextVal = 1;
                        nextPc = CS;
                    } else {
                        nextPc = val == 2 ? WAIT : XCHG;
                    }
                    break;
                case 1: // XCHG
                    nextVal = 2;
                    nextPc = val == 0 ? CS : WAIT;
                    break;
                case 2: // WAIT
                    if (val != 2) {
                        nextPc = XCHG;
                    } else {
                        nextPc = SLEEP;
                        nextRank = rank(s.queue, t, sleepers | 1 << t);
                    }
                    break;
                case 4: // CS
                    if (val == 1) {
                        nextVal = 0;
                        nextPc = fin;
                    } else {
                        nextVal = (val - 1) & 3;
                        nextPc = STORE;
                    }
                    break;
                case 5: // STORE
                    nextVal = 0;
                    nextPc = WAKE;
                    break;
                case 6: // WAKE
                    nextPc = fin;
                    if (s.queue.length > 0) {
                        int head = s.queue[0];
                        int headShift = 3 * (n - 1 - head);
                        nextOthers = (others & ~(7L << headShift)) | (long) XCHG << headShift;
                        nextRank = rank % FACTORIAL[s.queue.length - 1]; // the rank's digits after the head's
                    }
                    break;
                default: // SLEEP and DONE have no step of their own
                    continue;
            }
            long key = ((long) nextVal << 3 * n | nextOthers | (long) nextPc << shift) * orders + nextRank;
            out.accept(stepAt[t << 3 | pc], Fmix64.mix(key));
        }
    }

    /** {@link #fingerprint}'s rank of the queue among the permutations of {@code sleepers}; -1 if the queue is not exactly the sleepers. */
    private static long sleeperRank(byte[] queue, int sleepers) {
        long rank = 0;
        int left = queue.length;
        for (byte q : queue) {
            int bit = 1 << q;
            if ((sleepers & bit) == 0) return -1;
            rank = rank * left-- + Integer.bitCount(sleepers & (bit - 1));
            sleepers &= ~bit;
        }
        return sleepers == 0 ? rank : -1;
    }

    /** {@link #fingerprint}'s rank of the queue with {@code appended} enqueued, among the permutations of {@code sleepers} (which holds it). */
    private static long rank(byte[] queue, int appended, int sleepers) {
        long rank = 0;
        int left = queue.length + 1;
        for (byte q : queue) {
            int bit = 1 << q;
            rank = rank * left-- + Integer.bitCount(sleepers & (bit - 1));
            sleepers &= ~bit;
        }
        return rank * left + Integer.bitCount(sleepers & ((1 << appended) - 1));
    }

    @Override
    public State successor(State s, int index) {
        for (int t = 0; t < threads; t++) {
            int pc = s.pc[t];
            if (pc == SLEEP || pc > WAKE) continue; // no step of their own
            if (index-- == 0) return step(s, t);
        }
        throw new IndexOutOfBoundsException("no transition " + index + " out of this state");
    }

    /** FutexMutex.step without a seeded bug, on objects. */
    private State step(State s, int t) {
        int val = s.val;
        switch (s.pc[t]) {
            case 0: // CAS
                if (val == 0) return with(s, 1, t, CS, s.queue);
                return with(s, val, t, val == 2 ? WAIT : XCHG, s.queue);
            case 1: // XCHG
                return with(s, 2, t, val == 0 ? CS : WAIT, s.queue);
            case 2: { // WAIT: compare val with 2 and enqueue in one step
                if (val != 2) return with(s, val, t, XCHG, s.queue);
                byte[] q = Arrays.copyOf(s.queue, s.queue.length + 1);
                q[s.queue.length] = (byte) t;
                return with(s, val, t, SLEEP, q);
            }
            case 4: // CS: atomic_dec(val)
                if (val == 1) return with(s, 0, t, fin, s.queue);
                return with(s, (val - 1) & 3, t, STORE, s.queue);
            case 5: // STORE
                return with(s, 0, t, WAKE, s.queue);
            case 6: { // WAKE: futex_wake(1) moves the queue's head to retry its XCHG
                State woken = with(s, val, t, fin, s.queue.length == 0 ? s.queue : Arrays.copyOfRange(s.queue, 1, s.queue.length));
                if (s.queue.length > 0) woken.pc[s.queue[0]] = (byte) XCHG; // its own fresh copy, not yet shared
                return woken;
            }
            default: // SLEEP and DONE have no step of their own
                return null;
        }
    }

    private static State with(State s, int val, int t, int pc, byte[] queue) {
        byte[] pcs = s.pc.clone();
        pcs[t] = (byte) pc;
        return new State(val, pcs, queue);
    }

    private Verdict mutualExclusion(State s) {
        int inCs = 0;
        for (byte pc : s.pc) if (pc == CS) inCs++;
        return inCs == 0 ? Verdict.VACUOUS : Verdict.of(inCs == 1);
    }

    private Verdict noLostWakeup(State s) {
        if (s.queue.length == 0) return Verdict.VACUOUS;
        if (s.val == 2) return Verdict.HOLDS;
        for (byte pc : s.pc) if (pc == XCHG || pc == STORE || pc == WAKE) return Verdict.HOLDS;
        return Verdict.VIOLATED;
    }

    @Override public List<Property<State, Step>> properties() { return properties; }

    /**
     * Exact up to {@link #EXACT_THREADS} threads: distinct states have distinct fingerprints, so the
     * object engines' fingerprint table holds this model without collisions and counts exactly, as
     * the packed engine's table of states does. The key is val and the pcs in radix 8, times N!,
     * plus the queue's order as its rank among the permutations of the sleeping threads (a Lehmer
     * code): the queue always holds exactly the threads at SLEEP (WAIT enqueues a thread as it goes
     * to SLEEP, WAKE dequeues the one it moves on), so its length and members are already in the
     * pcs. 4 * 8^N * N! < 2^63 for N <= 11; {@link Fmix64#mix} is a bijection, so the fingerprint is
     * the key scrambled for the table, not hashed. Beyond 11 threads, or for a state whose queue is
     * not its sleepers (none is reachable; {@link #queueIsSleepers}), the key is hashed instead.
     */
    @Override
    public long fingerprint(State s) {
        if (threads <= EXACT_THREADS) {
            long key = s.val;
            int sleepers = 0;
            for (int t = 0; t < threads; t++) {
                int pc = s.pc[t];
                key = key << 3 | pc;
                if (pc == SLEEP) sleepers |= 1 << t;
            }
            long rank = sleeperRank(s.queue, sleepers);
            if (rank >= 0) return Fmix64.mix(key * FACTORIAL[threads] + rank);
        }
        return hashed(s);
    }

    /** Up to this many threads the fingerprint is an exact key (see {@link #fingerprint}). */
    public static final int EXACT_THREADS = 11;
    private static final long[] FACTORIAL = new long[EXACT_THREADS + 1];

    static {
        FACTORIAL[0] = 1;
        for (int i = 1; i <= EXACT_THREADS; i++) FACTORIAL[i] = FACTORIAL[i - 1] * i;
    }

    /** Whether the queue holds exactly the threads at SLEEP, each once: true of every reachable state. */
    public static boolean queueIsSleepers(State s) {
        int sleepers = 0, queued = 0;
        for (int t = 0; t < s.pc.length; t++) if (s.pc[t] == SLEEP) sleepers |= 1 << t;
        for (byte q : s.queue) {
            if ((queued & 1 << q) != 0) return false;
            queued |= 1 << q;
        }
        return sleepers == queued;
    }

    private static long hashed(State s) {
        long pcs = s.val, queue = s.queue.length;
        for (byte pc : s.pc) pcs = pcs * 8 + pc;  // 2 + 3N bits
        for (byte q : s.queue) queue = queue * 16 + q; // 4 + 4N bits
        return Fmix64.mix(pcs ^ Long.rotateLeft(Fmix64.mix(queue), 29));
    }

    @Override public int maxDepth() { return 0; }

    @Override public List<String> actionFamilies() { return FAMILIES; }

    @Override public String family(Step step) { return step.family(); }

    @Override
    public TraceStep describe(State pre, Step step, State post) {
        return new TraceStep("T" + step.thread(), FutexPc.of(pre.pc[step.thread()]).name(), step.family(), Map.of(), step.family(),
                "val " + pre.val + " -> " + post.val + ", now " + FutexPc.of(post.pc[step.thread()]).name());
    }

    @Override
    public String describeState(State s) {
        StringBuilder b = new StringBuilder("val=").append(s.val).append(" pc=[");
        for (int t = 0; t < threads; t++) b.append(t == 0 ? "" : " ").append(FutexPc.of(s.pc[t]).name());
        b.append("] queue=[");
        for (int i = 0; i < s.queue.length; i++) b.append(i == 0 ? "T" : " T").append(s.queue[i]);
        return b.append(']').toString();
    }
}
