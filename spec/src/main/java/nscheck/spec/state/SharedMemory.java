package nscheck.spec.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A shared mapping holding 32-bit futex words (a MAP_SHARED region or file inherited across
 * fork and clone, so that tasks in different PID namespaces address the same words), with the
 * kernel's futex hash for them: the queued waiters and the PI states. Keys are word indices:
 * every task maps the region, so a word has one shared futex key. Immutable.
 */
public final class SharedMemory {
    public static final SharedMemory NONE = new SharedMemory(new int[0], List.of(), List.of());

    private final int[] words;
    private final List<FutexWaiter> waiters;
    private final List<PiState> piStates;
    /** The fingerprint of the mapping, memoised on first use (0 until then); transient: a memo, not state. */
    private transient long digest;

    private SharedMemory(int[] words, List<FutexWaiter> waiters, List<PiState> piStates) {
        this.words = words;
        this.waiters = waiters;
        this.piStates = piStates;
    }

    /** A fresh mapping of {@code count} zeroed words. */
    public static SharedMemory zeroed(int count) {
        return new SharedMemory(new int[count], List.of(), List.of());
    }

    public int size() {
        return words.length;
    }

    public int word(int i) {
        return words[i];
    }

    public SharedMemory withWord(int i, int value) {
        int[] copy = words.clone();
        copy[i] = value;
        return new SharedMemory(copy, waiters, piStates);
    }

    /** Every waiter, in arrival order. */
    public List<FutexWaiter> waiters() {
        return waiters;
    }

    /** The waiter entry of task {@code slot}, or null (a task waits on at most one word). */
    public FutexWaiter waiterOf(int slot) {
        // indexed, not for-each: called on every step, and a decoded state's list allocates its iterator
        for (int i = 0; i < waiters.size(); i++) if (waiters.get(i).slot() == slot) return waiters.get(i);
        return null;
    }

    /**
     * futex_top_waiter: the first entry still on the word's hash-bucket queue; null if none. A
     * woken FUTEX_WAIT waiter has been unqueued (futex_wake_mark); a woken PI waiter stays queued
     * until it runs (futex_unqueue_pi).
     */
    public FutexWaiter top(int word) {
        for (FutexWaiter w : waiters) if (w.word() == word && (w.pi() || !w.woken())) return w;
        return null;
    }

    /** The first waiter on the word the kernel has not woken yet (the top rt_mutex waiter for PI); null if none. */
    public FutexWaiter firstQueued(int word, boolean pi) {
        for (FutexWaiter w : waiters) if (w.word() == word && w.pi() == pi && !w.woken()) return w;
        return null;
    }

    public boolean hasPiWaiters(int word) {
        for (FutexWaiter w : waiters) if (w.word() == word && w.pi()) return true;
        return false;
    }

    public SharedMemory enqueue(FutexWaiter w) {
        List<FutexWaiter> copy = new ArrayList<>(waiters);
        copy.add(w);
        return new SharedMemory(words, List.copyOf(copy), piStates);
    }

    /** Replaces the entry of {@code w.slot()} in place (its queue position is kept). */
    public SharedMemory update(FutexWaiter w) {
        List<FutexWaiter> copy = new ArrayList<>(waiters);
        for (int i = 0; i < copy.size(); i++) if (copy.get(i).slot() == w.slot()) copy.set(i, w);
        return new SharedMemory(words, List.copyOf(copy), piStates);
    }

    /** futex_unqueue: the task leaves the queue; a PI state nobody waits on any more is freed (put_pi_state). */
    public SharedMemory dequeue(int slot) {
        if (piStates.isEmpty() && waiterOf(slot) == null) return this; // nothing to unqueue, nothing to free: no copy
        List<FutexWaiter> copy = new ArrayList<>(waiters);
        copy.removeIf(w -> w.slot() == slot);
        SharedMemory m = new SharedMemory(words, List.copyOf(copy), piStates);
        List<PiState> kept = new ArrayList<>();
        for (PiState p : piStates) if (m.hasPiWaiters(p.word())) kept.add(p);
        return kept.size() == piStates.size() ? m : new SharedMemory(words, m.waiters, List.copyOf(kept));
    }

    public PiState piState(int word) {
        for (PiState p : piStates) if (p.word() == word) return p;
        return null;
    }

    public List<PiState> piStates() {
        return piStates;
    }

    public SharedMemory withPiState(PiState state) {
        List<PiState> copy = new ArrayList<>();
        for (PiState p : piStates) if (p.word() != state.word()) copy.add(p);
        copy.add(state);
        copy.sort((a, b) -> Integer.compare(a.word(), b.word()));
        return new SharedMemory(words, waiters, List.copyOf(copy));
    }

    /** The futex queues with task slot {@code i} renamed {@code perm[i]} (TaskSymmetry): queue order is kept. */
    SharedMemory relabelled(int[] perm) {
        if (waiters.isEmpty() && piStates.isEmpty()) return this;
        List<FutexWaiter> w = new ArrayList<>(waiters.size());
        for (FutexWaiter x : waiters) w.add(new FutexWaiter(perm[x.slot()], x.word(), x.pi(), x.woken()));
        List<PiState> p = new ArrayList<>(piStates.size());
        for (PiState x : piStates) p.add(x.owner() < 0 ? x : x.withOwner(perm[x.owner()]));
        return new SharedMemory(words, List.copyOf(w), List.copyOf(p));
    }

    void hashInto(StateHasher h) {
        long d = digest;
        if (!StateHasher.known(d)) {
            StateHasher own = new StateHasher();
            hashFields(own);
            d = StateHasher.memo(own.value());
            digest = d;
        }
        h.add(d);
    }

    private void hashFields(StateHasher h) {
        h.add(words.length);
        for (int w : words) h.add(w);
        h.add(waiters.size());
        for (int i = 0; i < waiters.size(); i++) {
            FutexWaiter w = waiters.get(i);
            h.add(((long) w.slot() << 32) | ((long) w.word() << 2) | (w.pi() ? 2 : 0) | (w.woken() ? 1 : 0));
        }
        h.add(piStates.size());
        for (int i = 0; i < piStates.size(); i++) h.add(StateHasher.pair(piStates.get(i).word(), piStates.get(i).owner()));
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SharedMemory m && Arrays.equals(words, m.words)
                && waiters.equals(m.waiters) && piStates.equals(m.piStates));
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(words) + waiters.hashCode()) + piStates.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words.length; i++) s.append(i > 0 ? " " : "").append('w').append(i).append('=').append(FutexWordLayout.describe(words[i]));
        for (FutexWaiter w : waiters)
            s.append(" T").append(w.slot()).append(w.woken() ? " woken on w" : w.pi() ? " pi-waits w" : " waits w").append(w.word());
        for (PiState p : piStates)
            s.append(" pi_state(w").append(p.word()).append(")=").append(p.owner() < 0 ? "no owner" : "T" + p.owner());
        return s.toString();
    }
}
