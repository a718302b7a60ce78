package nscheck.model.futex;

import nscheck.model.ModelException;
import nscheck.model.TraceStep;
import nscheck.model.Verdict;
import nscheck.model.packed.PackedInvariant;
import nscheck.model.packed.PackedModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark model: N threads locking and unlocking the three-state futex mutex, with the
 * kernel's futex wait queue as explicit FIFO state. Every step is one atomic transition of one
 * thread (bench/futex-mutex.pml is the same system in Promela, with the same state count).
 *
 * <p>State layout, low bits first: val (2 bits), the pc of each thread (3 bits each), the queue
 * length (4 bits), then the queue from its head (3 bits per thread id). Queue slots past the
 * length are zero, so equal states have equal encodings. For N=8 that is 54 bits.
 */
public final class FutexMutex implements PackedModel {
    /** 3-bit thread ids in the queue, and the whole state in 63 bits. */
    public static final int MAX_THREADS = 8;

    /**
     * Whether a thread locks once or forever: the catalog's futex-mutex-once and
     * futex-mutex-forever, each a model of its own (not a kernel proposal, which is a spec Variant).
     */
    public enum Loop {
        /** Each thread locks once, then stops (DONE): the state space ends. */
        ONCE,
        /** Each thread locks again after unlocking: the state space is a cycle. */
        FOREVER;

        public String label() {
            return name().toLowerCase();
        }
    }

    /**
     * Seeded bugs in the protocol, one per invariant, so that each invariant is shown able to fail
     * on this model (a check that cannot fail is a defect).
     */
    public enum Bug {
        NONE(null, null),
        /** futex_wait sleeps without comparing val with 2 (F1): a wake sent before it is lost. */
        WAIT_WITHOUT_COMPARE("seeded-wait-without-compare", "no-lost-wakeup"),
        /** The lock loop ends when xchg(val, 2) returns anything but 2, so a 1 (held, no waiters) reads as free. */
        XCHG_TAKES_HELD("seeded-xchg-takes-held", "mutual-exclusion");

        private final String variant;
        private final String breaks;

        Bug(String variant, String breaks) {
            this.variant = variant;
            this.breaks = breaks;
        }

        /** The --variant name, null for the correct protocol. */
        public String variant() {
            return variant;
        }

        /** The invariant the bug breaks. */
        public String breaks() {
            return breaks;
        }

        public static Bug byVariant(String name) {
            for (Bug b : values()) if (b.variant != null && b.variant.equals(name)) return b;
            return null;
        }
    }

    private static final int VAL_BITS = 2;
    private static final int PC_BITS = 3;
    private static final long PC_MASK = 7;
    private static final int LEN_BITS = 4;

    private static final int CAS = FutexPc.CAS.code();
    private static final int XCHG = FutexPc.XCHG.code();
    private static final int WAIT = FutexPc.WAIT.code();
    private static final int SLEEP = FutexPc.SLEEP.code();
    private static final int CS = FutexPc.CS.code();
    private static final int STORE = FutexPc.STORE.code();
    private static final int WAKE = FutexPc.WAKE.code();

    /** The steps that exist; SLEEP and DONE take none, so they are no family (coverage would warn they never fire). */
    static final List<String> FAMILIES = List.of("cas", "xchg", "wait", "unlock-dec", "store", "wake");
    static final int[] FAMILY_OF_PC = {0, 1, 2, -1, 3, 4, 5, -1};

    private final int threads;
    private final Loop loop;
    private final Bug bug;
    private final int fin;
    private final int lenShift;
    private final int queueShift;
    private final long queueMask;
    private final List<PackedInvariant> invariants;

    public FutexMutex(int threads, Loop loop) {
        this(threads, loop, Bug.NONE);
    }

    public FutexMutex(int threads, Loop loop, Bug bug) {
        if (threads < 1 || threads > MAX_THREADS)
            throw new ModelException("threads must be between 1 and " + MAX_THREADS + " (3-bit thread ids in one long), not " + threads);
        this.threads = threads;
        this.loop = loop;
        this.bug = bug;
        this.fin = loop == Loop.ONCE ? FutexPc.DONE.code() : CAS;
        this.lenShift = VAL_BITS + PC_BITS * threads;
        this.queueShift = lenShift + LEN_BITS;
        this.queueMask = (1L << (PC_BITS * threads)) - 1;
        this.invariants = List.of(
                new PackedInvariant("mutual-exclusion", "at most one thread is in the critical section", this::mutualExclusion),
                new PackedInvariant("no-lost-wakeup",
                        "while a thread sleeps on the futex, val is 2 or some thread is at XCHG, STORE or WAKE (someone will wake it)",
                        this::noLostWakeup));
    }

    public int threads() {
        return threads;
    }

    @Override public String name() { return "futex-mutex-" + loop.label(); }

    @Override
    public String description() {
        return "Drepper's three-state futex mutex with the futex wait queue as state (" + loop.label() + "; the enumerator benchmark)";
    }

    @Override public String variant() { return bug == Bug.NONE ? loop.label() : bug.variant(); }

    @Override
    public Map<String, Integer> bounds() {
        Map<String, Integer> b = new LinkedHashMap<>();
        b.put("threads", threads);
        return b;
    }

    /** val 0, every thread at CAS, empty queue: the all-zero encoding. */
    @Override
    public long[] initialStates() {
        return new long[] {0L};
    }

    @Override
    public int maxSuccessors() {
        return threads;
    }

    @Override
    public List<String> actionFamilies() {
        return FAMILIES;
    }

    @Override
    public List<PackedInvariant> invariants() {
        return invariants;
    }

    // ---- the transition relation: one step per thread that has one, in thread order ----

    @Override
    public int successors(long s, long[] next, int[] family) {
        int n = 0;
        for (int t = 0; t < threads; t++) {
            int pc = pc(s, t);
            long out = step(s, t, pc);
            if (out < 0) continue;
            next[n] = out;
            family[n++] = FAMILY_OF_PC[pc];
        }
        return n;
    }

    /** The state after thread {@code t} at {@code pc} takes its step, or -1 if it has none. */
    private long step(long s, int t, int pc) {
        int val = (int) (s & 3);
        switch (pc) {
            case 0: // CAS
                if (val == 0) return withPc(withVal(s, 1), t, CS);
                return withPc(s, t, val == 2 ? WAIT : XCHG);
            case 1: // XCHG
                boolean free = bug == Bug.XCHG_TAKES_HELD ? val != 2 : val == 0;
                return withPc(withVal(s, 2), t, free ? CS : WAIT);
            case 2: // WAIT: futex_wait checks val == 2 and enqueues in one step (the hash-bucket lock)
                if (val != 2 && bug != Bug.WAIT_WITHOUT_COMPARE) return withPc(s, t, XCHG);
                return withPc(enqueue(s, t), t, SLEEP);
            case 4: // CS: atomic_dec(val); uncontended (was 1) means done, else STORE and WAKE
                if (val == 1) return withPc(withVal(s, 0), t, fin);
                return withPc(withVal(s, (val - 1) & 3), t, STORE);
            case 5: // STORE
                return withPc(withVal(s, 0), t, WAKE);
            case 6: // WAKE: futex_wake(1) moves the queue's head to retry its XCHG
                return withPc(wakeHead(s), t, fin);
            default: // SLEEP and DONE have no step of their own
                return -1;
        }
    }

    private int pc(long s, int t) {
        return (int) ((s >>> (VAL_BITS + PC_BITS * t)) & PC_MASK);
    }

    private static long withVal(long s, int val) {
        return (s & ~3L) | val;
    }

    private static long withPc(long s, int t, int pc) {
        int shift = VAL_BITS + PC_BITS * t;
        return (s & ~(PC_MASK << shift)) | ((long) pc << shift);
    }

    private int queueLength(long s) {
        return (int) ((s >>> lenShift) & 15);
    }

    private long enqueue(long s, int t) {
        int len = queueLength(s);
        long withLen = (s & ~(15L << lenShift)) | ((long) (len + 1) << lenShift);
        return withLen | ((long) t << (queueShift + PC_BITS * len));
    }

    private long wakeHead(long s) {
        int len = queueLength(s);
        if (len == 0) return s;
        long queue = (s >>> queueShift) & queueMask;
        int head = (int) (queue & PC_MASK);
        long rest = queue >>> PC_BITS;
        long out = (s & ~(queueMask << queueShift) & ~(15L << lenShift))
                | ((long) (len - 1) << lenShift) | (rest << queueShift);
        return withPc(out, head, XCHG);
    }

    // ---- invariants ----

    private Verdict mutualExclusion(long s) {
        int inCs = 0;
        for (int t = 0; t < threads; t++) if (pc(s, t) == CS) inCs++;
        return inCs == 0 ? Verdict.VACUOUS : Verdict.of(inCs == 1);
    }

    private Verdict noLostWakeup(long s) {
        if (queueLength(s) == 0) return Verdict.VACUOUS;
        if ((s & 3) == 2) return Verdict.HOLDS;
        for (int t = 0; t < threads; t++) {
            int pc = pc(s, t);
            if (pc == XCHG || pc == STORE || pc == WAKE) return Verdict.HOLDS;
        }
        return Verdict.VIOLATED;
    }

    // ---- words ----

    /** The thread that takes step {@code choice} of {@code s}. */
    public int actor(long s, int choice) {
        for (int t = 0, n = 0; t < threads; t++) {
            if (step(s, t, pc(s, t)) < 0) continue;
            if (n++ == choice) return t;
        }
        throw new IllegalArgumentException("state has no step " + choice);
    }

    @Override
    public TraceStep describe(long pre, int choice, long post) {
        int t = actor(pre, choice);
        FutexPc from = FutexPc.of(pc(pre, t));
        FutexPc to = FutexPc.of(pc(post, t));
        String text = switch (from) {
            case CAS -> "cmpxchg(val, 0, 1)";
            case XCHG -> "xchg(val, 2)";
            case WAIT -> "futex_wait(val, 2)";
            case CS -> "atomic_dec(val)";
            case STORE -> "val = 0";
            case WAKE -> "futex_wake(val, 1)";
            default -> from.name();
        };
        return new TraceStep("T" + t, from.name(), FAMILIES.get(FAMILY_OF_PC[from.code()]), Map.of(), text,
                "val " + (pre & 3) + " -> " + (post & 3) + ", now " + to.name());
    }

    @Override
    public String describeState(long s) {
        StringBuilder b = new StringBuilder("val=").append(s & 3).append(" pc=[");
        for (int t = 0; t < threads; t++) b.append(t == 0 ? "" : " ").append(FutexPc.of(pc(s, t)).name());
        b.append("] queue=[");
        long queue = (s >>> queueShift) & queueMask;
        for (int i = 0; i < queueLength(s); i++) b.append(i == 0 ? "T" : " T").append((queue >>> (PC_BITS * i)) & PC_MASK);
        return b.append(']').toString();
    }
}
