package nscheck.checkers.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import nscheck.checkers.engine.CheckOptions;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Coverage;
import nscheck.checkers.engine.Ending;
import nscheck.checkers.engine.Engine;
import nscheck.checkers.engine.Progress;
import nscheck.checkers.engine.Statistics;
import nscheck.checkers.trace.Trace;
import nscheck.checkers.trace.Violation;
import nscheck.model.Model;
import nscheck.model.Property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Level-synchronous breadth-first search over the members of a Hazelcast cluster, driven from
 * a lite member (this one) that owns no states. Each level: every member expands the states it
 * owns and sends each successor, in batches of bytes, to the member its fingerprint belongs to;
 * then every member settles what arrived (new or not, invariants). Since a level's states are
 * ordered by their paths, and every violation and count is placed in that order, the result is
 * the single-machine {@code Bfs}'s: the same counts, verdicts and shortest counterexamples, also
 * when a violation stops the search in the middle of a level. A member that leaves mid-run
 * ends the run with a {@link ClusterFailure}: its part of the visited set is gone, so no count is given.
 */
public final class ClusterBfs<S, A> implements Engine<S, A> {
    private final Model<S, A> model;
    private final ModelRef ref;
    private final CheckOptions options;
    private final Progress progress;
    private final HazelcastInstance hz;
    private final int expectedMembers;
    private final long joinMillis;
    private volatile boolean stopRequested;
    private volatile String lost;
    private long bytesSent;
    private long statesSent;
    private List<Member> members = List.of();

    public ClusterBfs(Model<S, A> model, String nameOrPath, java.util.Map<String, Integer> overrides, String variant,
                      CheckOptions options, Progress progress, HazelcastInstance coordinator, int expectedMembers, long joinMillis) {
        this.model = model;
        this.ref = ModelRef.of(nameOrPath, overrides, variant);
        this.options = options;
        this.progress = progress;
        this.hz = coordinator;
        this.expectedMembers = expectedMembers;
        this.joinMillis = joinMillis;
    }

    @Override
    public String name() {
        return "cluster-bfs";
    }

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    /** Bytes of state batches sent from one member to another during the run. */
    public long bytesSent() {
        return bytesSent;
    }

    /** States sent from one member to another (a state a member sends itself costs no bytes and is not counted). */
    public long statesSent() {
        return statesSent;
    }

    public List<String> memberAddresses() {
        return members.stream().map(ClusterBfs::address).toList();
    }

    public String codec() {
        return WireCodecs.forModel(model).describe();
    }

    @Override
    public CheckResult<S, A> run() {
        members = awaitMembers();
        String run = UUID.randomUUID().toString();
        List<UUID> ids = members.stream().map(Member::getUuid).toList();
        UUID listener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {}

            @Override
            public void memberRemoved(MembershipEvent e) {
                if (ids.contains(e.getMember().getUuid())) lost = address(e.getMember());
            }
        });
        try {
            long identity = ModelRef.identity(model);
            List<Long> built;
            try {
                built = all(i -> new MemberTasks.Begin(run, ref, i, ids, hz.getCluster().getLocalMember().getUuid()), false);
            } catch (ClusterFailure e) {
                if (lost != null) throw e;
                throw new ClusterFailure("a member could not build " + ref.nameOrPath() + ": " + e.getMessage(), true);
            }
            for (int i = 0; i < built.size(); i++)
                if (built.get(i) != identity)
                    throw new ClusterFailure("member " + address(members.get(i)) + " built a different " + model.name()
                            + " (another nscheck version or model file?)", true);
            return new Search(run).run();
        } finally {
            hz.getCluster().removeMembershipListener(listener);
            IExecutorService ex = hz.getExecutorService(ClusterMember.EXECUTOR);
            for (Member m : members) {
                try {
                    ex.submitToMember(new MemberTasks.End(run), m).get(5, TimeUnit.SECONDS);
                } catch (Exception gone) {
                    // a member that left has nothing to drop
                }
            }
        }
    }

    static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    private List<Member> awaitMembers() {
        long deadline = System.currentTimeMillis() + joinMillis;
        while (true) {
            List<Member> data = new ArrayList<>();
            for (Member m : hz.getCluster().getMembers()) if (!m.isLiteMember()) data.add(m);
            if (data.size() >= expectedMembers) {
                data.sort(Comparator.comparing((Member m) -> m.getAddress().toString()));
                return data;
            }
            if (System.currentTimeMillis() > deadline)
                throw new ClusterFailure("only " + data.size() + " of " + expectedMembers + " members joined cluster "
                        + hz.getConfig().getClusterName() + " within " + joinMillis / 1000 + " s (start them with `nscheck member`)", true);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterFailure("interrupted while waiting for members");
            }
        }
    }

    /** Runs a task on every member and waits for all answers; throws as soon as a member of the run leaves. */
    private <T> List<T> all(IntFunction<MemberTasks.MemberTask<T>> task, boolean expanding) {
        IExecutorService ex = hz.getExecutorService(ClusterMember.EXECUTOR);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) futures.add(ex.submitToMember(task.apply(i), members.get(i)));
        List<T> out = new ArrayList<>();
        boolean cancelled = false;
        for (Future<T> f : futures) {
            while (true) {
                checkMembers();
                if (expanding && stopRequested && !cancelled) {
                    cancelled = true;
                    for (int i = 0; i < members.size(); i++) ex.submitToMember(new MemberTasks.Cancel(currentRun), members.get(i));
                }
                try {
                    out.add(f.get(200, TimeUnit.MILLISECONDS));
                    break;
                } catch (TimeoutException e) {
                    if (expanding) ticker.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterFailure("interrupted while waiting for the members", e);
                } catch (ExecutionException e) {
                    checkMembers();
                    // A member that left may not be declared so yet: give membership a moment before blaming the task.
                    for (int w = 0; w < 100 && lost == null; w++) sleep(100);
                    checkMembers();
                    throw new ClusterFailure("a member failed: " + e.getCause(), e.getCause());
                }
            }
        }
        return out;
    }

    private void await(List<Future<Boolean>> futures) {
        for (Future<Boolean> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterFailure("interrupted while sending the initial states", e);
            } catch (ExecutionException e) {
                checkMembers();
                throw new ClusterFailure("a member failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private String currentRun;
    private Runnable ticker = () -> {};

    private void checkMembers() {
        String gone = lost;
        if (gone != null)
            throw new ClusterFailure("member " + gone + " left the cluster mid-run; its share of the visited states is lost, "
                    + "so no counts are reported (restart it and rerun)");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Search {
        final String run;
        final List<Property<S, A>> props = model.properties();
        final long[] exercised = new long[props.size()];
        final boolean[] done = new boolean[props.size()];
        final List<Violation<S, A>> violations = new ArrayList<>();
        final Coverage coverage = new Coverage(model.actionFamilies());
        final int maxDepth = options.maxDepth() >= 0 ? options.maxDepth() : model.maxDepth() > 0 ? model.maxDepth() : Integer.MAX_VALUE;
        final long start = System.nanoTime();
        long lastReport = start;
        boolean stop;
        long distinct;
        long generated;
        long storeBytes;
        int depth;
        int reached;
        long levelSize;

        Search(String run) {
            this.run = run;
            currentRun = run;
        }

        CheckResult<S, A> run() {
            Ending ending;
            CheckResult.ModelFailure<S, A> failure = null;
            long queue;
            try {
                ending = search();
                queue = ending == Ending.EXHAUSTED ? 0 : levelSize;
            } catch (ModelError e) {
                ending = Ending.MODEL_ERROR;
                failure = new CheckResult.ModelFailure<>(new IllegalStateException(e.getMessage()), Trace.replay(model, e.path));
                queue = levelSize;
            }
            return new CheckResult<>(model, ending, stats(queue), List.copyOf(violations), coverage, exercised, failure);
        }

        private Ending search() {
            List<S> initial = model.initialStates();
            WireCodec<S> codec = WireCodecs.forModel(model);
            StateBatch[] batches = new StateBatch[members.size()];
            for (int i = 0; i < batches.length; i++) batches[i] = new StateBatch();
            for (int i = 0; i < initial.size(); i++) {
                long fp = model.fingerprint(initial.get(i));
                batches[MemberRun.owner(fp, members.size())].add(fp, new int[] {i}, codec.encode(initial.get(i)));
            }
            IExecutorService ex = hz.getExecutorService(ClusterMember.EXECUTOR);
            List<Future<Boolean>> sent = new ArrayList<>();
            for (int i = 0; i < batches.length; i++)
                if (batches[i].states() > 0) sent.add(ex.submitToMember(new MemberTasks.Deliver(run, batches[i].take()), members.get(i)));
            await(sent);
            LevelReport expanded = new LevelReport(props.size());
            expanded.generated = initial.size();
            finishLevel(expanded, initial.size());
            while (levelSize > 0 && !stop) {
                progress.level(depth, levelSize, stats(levelSize));
                if (depth >= maxDepth) return Ending.DEPTH_BOUND;
                depth++;
                long before = generated;
                ticker = () -> tick(before);
                LevelReport e = sum(all(m -> new MemberTasks.Expand(run, done.clone()), true));
                ticker = () -> {};
                if (stopRequested) {
                    depth--;
                    return Ending.INTERRUPTED;
                }
                bytesSent += e.bytesSent;
                statesSent += e.statesSent;
                if (e.failurePath != null) throw new ModelError(e.failurePath, e.failure);
                finishLevel(e, -1);
            }
            return stop ? Ending.VIOLATION : Ending.EXHAUSTED;
        }

        /** Settles the level just expanded and places its violations; {@code initialStates} >= 0 for the initial level. */
        private void finishLevel(LevelReport expanded, int initialStates) {
            boolean[] doneBefore = done.clone();
            LevelReport settled = sum(all(m -> new MemberTasks.Settle(run, doneBefore), false));
            List<LevelEvent> events = new ArrayList<>(expanded.events);
            events.addAll(settled.events);
            events.sort(LevelEvent.ORDER);
            LevelEvent stopAt = null;
            LevelEvent[] doneAt = new LevelEvent[props.size()];
            boolean any = false;
            for (LevelEvent e : events) {
                if (stopAt != null) {
                    // The single-machine search judges every step invariant of the transition it stops on.
                    if (e.kind() == LevelEvent.STEP && stopAt.kind() == LevelEvent.STEP && Arrays.equals(e.key(), stopAt.key()) && !done[e.property()]) {
                        fail(e);
                        doneAt[e.property()] = e;
                    }
                    continue;
                }
                if (e.kind() != LevelEvent.DEADLOCK && done[e.property()]) continue;
                any = true;
                if (e.kind() == LevelEvent.DEADLOCK)
                    violate(Violation.DEADLOCK, "every reachable state has a successor", e.tracePath());
                else {
                    fail(e);
                    doneAt[e.property()] = e;
                }
                if (!options.continueAfterViolation() || allDone()) stopAt = e;
            }
            LevelReport level = expanded;
            long levelNew = settled.distinct;
            if (any) {
                LevelEvent s = stopAt;
                level = sum(all(m -> new MemberTasks.Count(run, s, doneAt, doneBefore), false));
                levelNew = level.distinct;
                if (initialStates >= 0) level.generated = s == null ? initialStates : s.key()[0] + 1;
            } else {
                for (int p = 0; p < exercised.length; p++) level.exercised[p] += settled.exercised[p];
            }
            generated += level.generated;
            level.coverage.forEach(coverage::add);
            for (int p = 0; p < exercised.length; p++) exercised[p] += level.exercised[p];
            distinct += levelNew;
            storeBytes = settled.storeBytes;
            if (levelNew > 0) reached = depth;
            levelSize = stopAt != null ? levelNew : settled.distinct;
            if (stopAt != null) stop = true;
        }

        private void fail(LevelEvent e) {
            done[e.property()] = true;
            Property<S, A> p = props.get(e.property());
            violate(p.name(), p.statement(), e.tracePath());
        }

        private void violate(String name, String statement, int[] path) {
            violations.add(new Violation<>(name, statement, Trace.replay(model, path)));
        }

        private boolean allDone() {
            for (boolean d : done) if (!d) return false;
            return !model.deadlockIsViolation() || violations.stream().anyMatch(v -> v.property().equals(Violation.DEADLOCK));
        }

        private void tick(long generatedBefore) {
            if (options.progressMillis() <= 0) return;
            long now = System.nanoTime();
            if ((now - lastReport) / 1_000_000 < options.progressMillis()) return;
            lastReport = now;
            long expanded = 0, gen = 0;
            IExecutorService ex = hz.getExecutorService(ClusterMember.EXECUTOR);
            try {
                for (Member m : members) {
                    long[] s = ex.submitToMember(new MemberTasks.Status(run), m).get(2, TimeUnit.SECONDS);
                    expanded += s[0];
                    gen += s[1];
                }
            } catch (Exception e) {
                return; // a progress line is not worth failing over; a lost member is caught by the search
            }
            progress.report(new Statistics(distinct, generatedBefore + gen, depth, Math.max(0, levelSize - expanded),
                    (now - start) / 1e9, storeBytes));
        }

        Statistics stats(long queue) {
            return new Statistics(distinct, generated, reached, queue, (System.nanoTime() - start) / 1e9, storeBytes);
        }

        private LevelReport sum(List<LevelReport> reports) {
            LevelReport total = new LevelReport(props.size());
            for (LevelReport r : reports) total.add(r);
            return total;
        }
    }

    /** The model threw on a member while expanding the state at the end of {@code path}. */
    private static final class ModelError extends RuntimeException {
        final int[] path;

        ModelError(int[] path, String message) {
            super(message);
            this.path = path;
        }
    }
}
