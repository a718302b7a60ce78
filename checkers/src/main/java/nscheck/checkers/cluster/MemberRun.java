package nscheck.checkers.cluster;

import nscheck.checkers.store.SegmentedFingerprintSet;
import nscheck.model.Model;
import nscheck.model.Property;
import nscheck.model.Transition;
import nscheck.model.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One member's share of a distributed search: the states whose fingerprint falls in its
 * partition. It keeps their fingerprints (its part of the visited set) and the states of the
 * current level it owns, each with its path; it expands them, sends every successor to the
 * successor's owner, and settles what others sent it (a state is new if no level before had it;
 * of its arrivals in this level the one with the smallest path wins, as the single-machine BFS
 * reaches it first). State invariants are judged here, where states land.
 */
final class MemberRun<S, A> {
    /** A state of a level with the path that first reached it. */
    record Entry<S>(int[] path, S state) {}

    /** Sends a batch to member {@code owner} (or keeps it, when it is this member). */
    interface Outbox {
        void send(int owner, byte[] batch);

        /** Waits until every batch sent is delivered; throws if a member is gone. */
        void flush();
    }

    final Model<S, A> model;
    final WireCodec<S> codec;
    final int index;
    final int memberCount;
    /** The run's members by index (Hazelcast member ids), for sending batches. */
    java.util.List<java.util.UUID> members;
    private final List<Property<S, A>> props;
    private final SegmentedFingerprintSet visited = new SegmentedFingerprintSet(1 << 12);
    /** The level being expanded (kept after the expansion for a count pass) and the next one, sorted by path. */
    private List<Entry<S>> parents = List.of();
    private List<Entry<S>> frontier = new ArrayList<>();
    private final ConcurrentLinkedQueue<byte[]> incoming = new ConcurrentLinkedQueue<>();
    /** Winners of the last settle, in path order, for a count pass. */
    private List<Entry<S>> settled = List.of();
    volatile boolean cancelled;
    /** The coordinator that started the run: if it leaves, the run is dropped. */
    java.util.UUID coordinator;
    /** For progress lines: states of the current level expanded so far and transitions generated. */
    volatile long expanded;
    volatile long generatedSoFar;

    MemberRun(Model<S, A> model, WireCodec<S> codec, int index, int members) {
        this.model = model;
        this.codec = codec;
        this.index = index;
        this.memberCount = members;
        this.props = model.properties();
    }

    /** The member that owns a state: fingerprints are uniform, so the remainder spreads states evenly. */
    static int owner(long fingerprint, int members) {
        return (int) Long.remainderUnsigned(fingerprint, members);
    }

    void deliver(byte[] batch) {
        incoming.add(batch);
    }

    int frontierSize() {
        return frontier.size();
    }

    /** Expands the states of the current level, sending their successors to their owners. */
    // The phases of a level run on different executor threads, one after another: the lock orders them.
    synchronized LevelReport expand(boolean[] done, Outbox out) {
        LevelReport r = new LevelReport(props.size());
        StateBatch[] batches = new StateBatch[memberCount];
        for (int i = 0; i < memberCount; i++) batches[i] = new StateBatch();
        boolean[] reported = new boolean[props.size()];
        boolean deadlockReported = false;
        parents = frontier;
        frontier = new ArrayList<>();
        expanded = 0;
        generatedSoFar = 0;
        for (Entry<S> e : parents) {
            if (cancelled) break;
            int[] choice = {0};
            try {
                model.successors(e.state(), (Transition<S, A> t) -> {
                    int c = choice[0]++;
                    r.generated++;
                    r.coverage.merge(model.family(t.action()), 1L, Long::sum);
                    int[] key = Arrays.copyOf(e.path(), e.path().length + 1);
                    key[e.path().length] = c;
                    for (int p = 0; p < props.size(); p++) {
                        if (done[p] || !(props.get(p) instanceof Property.AlwaysStep<S, A> step)) continue;
                        Verdict v = step.check().check(e.state(), t.action(), t.next());
                        if (v == Verdict.VACUOUS) continue;
                        r.exercised[p]++;
                        if (v == Verdict.VIOLATED && !reported[p]) {
                            reported[p] = true;
                            r.events.add(new LevelEvent(key, LevelEvent.STEP, p));
                        }
                    }
                    long fp = model.fingerprint(t.next());
                    int owner = owner(fp, memberCount);
                    StateBatch b = batches[owner];
                    b.add(fp, key, codec.encode(t.next()));
                    if (b.bytes() >= StateBatch.SEND_BYTES) send(owner, b, r, out);
                });
            } catch (RuntimeException ex) {
                r.failurePath = e.path();
                r.failure = String.valueOf(ex);
                break;
            }
            if (choice[0] == 0 && model.deadlockIsViolation() && !deadlockReported) {
                deadlockReported = true;
                int[] key = Arrays.copyOf(e.path(), e.path().length + 1);
                key[e.path().length] = Integer.MAX_VALUE;
                r.events.add(new LevelEvent(key, LevelEvent.DEADLOCK, -1));
            }
            expanded++;
            generatedSoFar = r.generated;
        }
        for (int i = 0; i < memberCount; i++) if (batches[i].states() > 0) send(i, batches[i], r, out);
        out.flush();
        return r;
    }

    private void send(int owner, StateBatch b, LevelReport r, Outbox out) {
        if (owner != index) {
            r.bytesSent += b.bytes();
            r.statesSent += b.states();
        }
        out.send(owner, b.take());
    }

    /**
     * Admits what arrived in this level: a fingerprint no earlier level had is new, reached first
     * by its smallest path; new states are judged against the state invariants and form the next level.
     */
    synchronized LevelReport settle(boolean[] done) {
        LevelReport r = new LevelReport(props.size());
        Map<Long, Integer> best = new HashMap<>();
        List<int[]> paths = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        List<Long> fps = new ArrayList<>();
        for (byte[] batch; (batch = incoming.poll()) != null; ) {
            StateBatch.Reader in = new StateBatch.Reader(batch);
            while (in.next()) {
                if (visited.contains(in.fingerprint)) continue;
                Integer at = best.get(in.fingerprint);
                if (at == null) {
                    best.put(in.fingerprint, paths.size());
                    paths.add(in.path);
                    bytes.add(in.state);
                    fps.add(in.fingerprint);
                } else if (LevelEvent.compare(in.path, paths.get(at)) < 0) {
                    paths.set(at, in.path);
                    bytes.set(at, in.state);
                }
            }
        }
        Integer[] order = best.values().toArray(new Integer[0]);
        Arrays.sort(order, (a, b) -> LevelEvent.compare(paths.get(a), paths.get(b)));
        boolean[] reported = new boolean[props.size()];
        List<Entry<S>> next = new ArrayList<>(order.length);
        List<int[]> sortedPaths = new ArrayList<>(order.length);
        List<byte[]> sortedBytes = new ArrayList<>(order.length);
        for (int i : order) {
            sortedPaths.add(paths.get(i));
            sortedBytes.add(bytes.get(i));
        }
        List<S> states = codec.decodeAll(sortedBytes, sortedPaths);
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            visited.add(fps.get(i));
            int[] path = paths.get(i);
            S s = states.get(k);
            for (int p = 0; p < props.size(); p++) {
                if (done[p] || !(props.get(p) instanceof Property.Always<S, A> inv)) continue;
                Verdict v = inv.check().check(s);
                if (v == Verdict.VACUOUS) continue;
                r.exercised[p]++;
                if (v == Verdict.VIOLATED && !reported[p]) {
                    reported[p] = true;
                    r.events.add(new LevelEvent(path, LevelEvent.STATE, p));
                }
            }
            next.add(new Entry<>(path, s));
        }
        r.distinct = next.size();
        r.storeBytes = visited.bytes();
        frontier = next;
        settled = next;
        return r;
    }

    /**
     * The counts of the level as the single-machine search has them when it stops at
     * {@code stop} (null: at the end of the level), where property p stopped being judged after
     * event {@code doneAt[p]} (null: judged to the end). Recomputed from the level's parents and
     * winners, once per run at most for a stopping level and once per level that found a violation.
     */
    synchronized LevelReport count(LevelEvent stop, LevelEvent[] doneAt, boolean[] done) {
        LevelReport r = new LevelReport(props.size());
        for (Entry<S> e : parents) {
            if (stop != null && LevelEvent.compare(e.path(), Arrays.copyOf(stop.key(), stop.key().length - 1)) > 0) break;
            int[] choice = {0};
            model.successors(e.state(), (Transition<S, A> t) -> {
                int[] key = Arrays.copyOf(e.path(), e.path().length + 1);
                key[e.path().length] = choice[0]++;
                if (stop != null && LevelEvent.compare(key, stop.key()) > 0) return;
                r.generated++;
                r.coverage.merge(model.family(t.action()), 1L, Long::sum);
                for (int p = 0; p < props.size(); p++) {
                    if (done[p] || !(props.get(p) instanceof Property.AlwaysStep<S, A> step)) continue;
                    if (doneAt[p] != null && LevelEvent.compare(key, doneAt[p].key()) > 0) continue;
                    if (step.check().check(e.state(), t.action(), t.next()) != Verdict.VACUOUS) r.exercised[p]++;
                }
            });
        }
        for (Entry<S> e : settled) {
            int c = stop == null ? -1 : LevelEvent.compare(e.path(), stop.key());
            if (c > 0) break;
            r.distinct++;
            if (c == 0 && stop.kind() == LevelEvent.STEP) continue;
            for (int p = 0; p < props.size(); p++) {
                if (done[p] || !(props.get(p) instanceof Property.Always<S, A> inv)) continue;
                if (doneAt[p] != null && LevelEvent.compare(e.path(), doneAt[p].key()) > 0) continue;
                if (c == 0 && p > stop.property()) continue;
                if (inv.check().check(e.state()) != Verdict.VACUOUS) r.exercised[p]++;
            }
        }
        return r;
    }
}
