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
 *
 * <p>From 9 threads on, where ids need 4 bits and that layout would take 69 bits, the queue is
 * instead its rank among the orders of the sleeping threads ({@link SleeperRank}) above the pcs:
 * 2 + 3N + log2(N!) bits, 61 for N = 11. Only the two queue steps pay for it (a few bit loops); up to
 * 8 threads the layout above is kept, unchanged.
 */
public final class FutexMutex implements PackedModel {
    /** The whole state in 63 bits: 4 * 8^11 * 11! < 2^63 (see {@link SleeperRank}). */
    public static final int MAX_THREADS = 11;
    /** Up to this many threads the queue is a list of 3-bit ids; beyond, its rank among the sleepers' orders. */
    public static final int LISTED_QUEUE_THREADS = 8;

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
    /** Beyond {@link #LISTED_QUEUE_THREADS}: the queue is a rank, at {@link #lenShift}. */
    private final boolean ranked;
    private final List<PackedInvariant> invariants;

    public FutexMutex(int threads, Loop loop) {
        this(threads, loop, Bug.NONE);
    }

    public FutexMutex(int threads, Loop loop, Bug bug) {
        this(threads, loop, bug, threads > LISTED_QUEUE_THREADS);
    }

    /** With the queue as a rank whatever the size, so that tests compare both layouts on small N. */
    static FutexMutex ranked(int threads, Loop loop, Bug bug) {
        return new FutexMutex(threads, loop, bug, true);
    }

    private FutexMutex(int threads, Loop loop, Bug bug, boolean ranked) {
        if (threads < 1 || threads > MAX_THREADS)
            throw new ModelException("threads must be between 1 and " + MAX_THREADS + " (the state in one long), not " + threads);
        this.threads = threads;
        this.loop = loop;
        this.bug = bug;
        this.fin = loop == Loop.ONCE ? FutexPc.DONE.code() : CAS;
        this.lenShift = VAL_BITS + PC_BITS * threads;
        this.queueShift = lenShift + LEN_BITS;
        this.queueMask = (1L << (PC_BITS * threads)) - 1;
        this.ranked = ranked;
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
        if (ranked) return Integer.bitCount(sleepers(s));
        return (int) ((s >>> lenShift) & 15);
    }

    /** The threads at SLEEP, one bit each: in the ranked layout, the queue's members. */
    private int sleepers(long s) {
        int m = 0;
        for (int t = 0; t < threads; t++) if (pc(s, t) == SLEEP) m |= 1 << t;
        return m;
    }

    /** The queue as 4-bit ids from its head, in either layout. */
    private long queue(long s) {
        if (ranked) return SleeperRank.queue(s >>> lenShift, sleepers(s));
        long listed = (s >>> queueShift) & queueMask, out = 0;
        for (int i = 0; i < queueLength(s); i++) out |= ((listed >>> (PC_BITS * i)) & PC_MASK) << (4 * i);
        return out;
    }

    private long enqueue(long s, int t) {
        if (ranked) {
            int sleepers = sleepers(s), len = Integer.bitCount(sleepers);
            long rank = SleeperRank.rank(SleeperRank.queue(s >>> lenShift, sleepers) | (long) t << (4 * len), len + 1, sleepers | 1 << t);
            return (s & ((1L << lenShift) - 1)) | rank << lenShift;
        }
        int len = queueLength(s);
        long withLen = (s & ~(15L << lenShift)) | ((long) (len + 1) << lenShift);
        return withLen | ((long) t << (queueShift + PC_BITS * len));
    }

    private long wakeHead(long s) {
        if (ranked) {
            int sleepers = sleepers(s);
            if (sleepers == 0) return s;
            long queue = SleeperRank.queue(s >>> lenShift, sleepers);
            int head = (int) (queue & 15);
            long rank = SleeperRank.rank(queue >>> 4, Integer.bitCount(sleepers) - 1, sleepers & ~(1 << head));
            return withPc((s & ((1L << lenShift) - 1)) | rank << lenShift, head, XCHG);
        }
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
        long queue = queue(s);
        for (int i = 0; i < queueLength(s); i++) b.append(i == 0 ? "T" : " T").append((queue >>> (4 * i)) & 15);
        return b.append(']').toString();
    }
}
