package nscheck.checkers.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.IExecutorService;
import nscheck.model.Model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * What the coordinator (and, for batches, other members) asks a member to do, as Hazelcast
 * executor tasks sent to that one member. Each finds its run in the member's registry.
 */
final class MemberTasks {
    private MemberTasks() {}

    abstract static class MemberTask<T> implements Callable<T>, Serializable, HazelcastInstanceAware {
        final String run;
        transient HazelcastInstance hz;

        MemberTask(String run) {
            this.run = run;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hz) {
            this.hz = hz;
        }

        MemberRun<?, ?> member() {
            MemberRun<?, ?> r = ClusterMember.runs(hz).get(run);
            if (r == null) throw new IllegalStateException("member " + hz.getCluster().getLocalMember().getAddress() + " has no run " + run);
            return r;
        }
    }

    /** Builds the model and this member's share of the run; answers the model's identity. */
    static final class Begin extends MemberTask<Long> {
        final ModelRef model;
        final int index;
        final List<UUID> members;
        final UUID coordinator;

        Begin(String run, ModelRef model, int index, List<UUID> members, UUID coordinator) {
            super(run);
            this.model = model;
            this.index = index;
            this.members = members;
            this.coordinator = coordinator;
        }

        @Override
        public Long call() {
            Model<?, ?> m = model.build();
            ClusterMember.runs(hz).put(run, create(m));
            return ModelRef.identity(m);
        }

        private <S, A> MemberRun<S, A> create(Model<S, A> m) {
            MemberRun<S, A> r = new MemberRun<>(m, WireCodecs.forModel(m), index, members.size());
            r.members = members;
            r.coordinator = coordinator;
            return r;
        }
    }

    /** A batch of states this member owns. */
    static final class Deliver extends MemberTask<Boolean> {
        final byte[] batch;

        Deliver(String run, byte[] batch) {
            super(run);
            this.batch = batch;
        }

        @Override
        public Boolean call() {
            member().deliver(batch);
            return true;
        }
    }

    static final class Expand extends MemberTask<LevelReport> {
        final boolean[] done;

        Expand(String run, boolean[] done) {
            super(run);
            this.done = done;
        }

        @Override
        public LevelReport call() {
            MemberRun<?, ?> r = member();
            return r.expand(done, new BatchSender(hz, run, r));
        }
    }

    static final class Settle extends MemberTask<LevelReport> {
        final boolean[] done;

        Settle(String run, boolean[] done) {
            super(run);
            this.done = done;
        }

        @Override
        public LevelReport call() {
            return member().settle(done);
        }
    }

    static final class Count extends MemberTask<LevelReport> {
        final LevelEvent stop;
        final LevelEvent[] doneAt;
        final boolean[] done;

        Count(String run, LevelEvent stop, LevelEvent[] doneAt, boolean[] done) {
            super(run);
            this.stop = stop;
            this.doneAt = doneAt;
            this.done = done;
        }

        @Override
        public LevelReport call() {
            return member().count(stop, doneAt, done);
        }
    }

    /** For a progress line: states of the level expanded so far, transitions generated so far. */
    static final class Status extends MemberTask<long[]> {
        Status(String run) {
            super(run);
        }

        @Override
        public long[] call() {
            MemberRun<?, ?> r = ClusterMember.runs(hz).get(run);
            return r == null ? new long[2] : new long[] {r.expanded, r.generatedSoFar};
        }
    }

    /** Stops an expansion early (Ctrl-C on the coordinator). */
    static final class Cancel extends MemberTask<Boolean> {
        Cancel(String run) {
            super(run);
        }

        @Override
        public Boolean call() {
            MemberRun<?, ?> r = ClusterMember.runs(hz).get(run);
            if (r != null) r.cancelled = true;
            return true;
        }
    }

    /** The run is over: its states are dropped. */
    static final class End extends MemberTask<Boolean> {
        End(String run) {
            super(run);
        }

        @Override
        public Boolean call() {
            MemberRun<?, ?> r = ClusterMember.runs(hz).remove(run);
            if (r != null) r.cancelled = true;
            return true;
        }
    }

    /** Batches to other members go as {@link Deliver} tasks; a member's own stay in its queue. */
    static final class BatchSender implements MemberRun.Outbox {
        private final HazelcastInstance hz;
        private final String run;
        private final MemberRun<?, ?> member;
        private final IExecutorService executor;
        private final List<Future<Boolean>> pending = new ArrayList<>();
        private final Member[] targets;

        BatchSender(HazelcastInstance hz, String run, MemberRun<?, ?> member) {
            this.hz = hz;
            this.run = run;
            this.member = member;
            this.executor = hz.getExecutorService(ClusterMember.EXECUTOR);
            this.targets = new Member[member.members.size()];
            for (Member m : hz.getCluster().getMembers()) {
                int i = member.members.indexOf(m.getUuid());
                if (i >= 0) targets[i] = m;
            }
        }

        @Override
        public void send(int owner, byte[] batch) {
            if (owner == member.index) {
                member.deliver(batch);
                return;
            }
            if (targets[owner] == null) throw new ClusterFailure("member " + owner + " of the run has left the cluster");
            pending.add(executor.submitToMember(new Deliver(run, batch), targets[owner]));
            // Bound what is in flight: wait for the oldest batches once many are outstanding.
            if (pending.size() >= 64) flush();
        }

        @Override
        public void flush() {
            try {
                for (Future<Boolean> f : pending) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterFailure("interrupted while sending states", e);
            } catch (ExecutionException e) {
                throw new ClusterFailure("a batch of states could not be delivered: " + e.getCause(), e.getCause());
            } finally {
                pending.clear();
            }
        }
    }
}
