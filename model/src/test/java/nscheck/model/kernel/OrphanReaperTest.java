package nscheck.model.kernel;

import nscheck.model.Verdict;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * orphan-reaper on exits worked out by hand (find_child_reaper, find_new_reaper, kernel/exit.c):
 * mainline's step must satisfy it, and the same step with the orphan handed to anyone else must
 * break it. Slots are the order of creation: T0 the root init, then each clone takes the next.
 */
class OrphanReaperTest {
    private static final Semantics S = new Semantics(Mainline.INSTANCE, new Limits(7, 2, 12));

    private static Kernel call(Kernel k, int actor, Syscall c) {
        List<Outcome> outs = S.step(k, actor, c);
        assertEquals(1, outs.size(), c + " by T" + actor);
        return outs.get(0).next();
    }

    private static Kernel clone(Kernel k, int actor, int flags) {
        return call(k, actor, new Syscall.Clone(flags));
    }

    private static Verdict judge(Kernel pre, Kernel post) {
        return ((nscheck.model.Property.AlwaysStep<Kernel, KernelStep>) PidInvariants.orphanReaper()).check().check(pre, null, post);
    }

    /** The exit of {@code father} gives {@code orphan} to {@code reaper}, and to no one else. */
    private static void adopts(Kernel pre, int father, int orphan, int reaper) {
        Kernel post = call(pre, father, new Syscall.Exit(0));
        assertEquals(reaper, post.task(orphan).parent, "mainline's reaper of T" + orphan);
        assertEquals(Verdict.HOLDS, judge(pre, post));
        for (int other = 0; other < pre.taskSlots(); other++)
            if (other != reaper && other != father && pre.task(other) != null)
                assertEquals(Verdict.VIOLATED, judge(pre, post.withTask(orphan, post.task(orphan).withParent(other))), "adopted by T" + other);
    }

    @Test
    void theNearestLivingSubreaperAboveAdopts() {
        // T1 a subreaper; T1 -> T2 -> T3 -> T4; T3 exits: T2 is no subreaper, T1 is
        Kernel k = clone(S.boot(), 0, 0);
        k = call(k, 1, new Syscall.SetChildSubreaper());
        k = clone(clone(clone(k, 1, 0), 2, 0), 3, 0);
        adopts(k, 3, 4, 1);
        // with T2 a subreaper too, the nearer one
        adopts(call(k, 2, new Syscall.SetChildSubreaper()), 3, 4, 2);
    }

    @Test
    void aSubreaperOutsideTheDeadParentsNamespaceIsPassedOver() {
        // T1 a subreaper; T2 the init of a namespace T1 made; T2 -> T3 -> T4; T3 exits: T1 is a level above
        Kernel k = clone(S.boot(), 0, 0);
        k = call(k, 1, new Syscall.SetChildSubreaper());
        k = clone(clone(clone(k, 1, CloneFlags.CLONE_NEWPID), 2, 0), 3, 0);
        adopts(k, 3, 4, 2);
    }

    @Test
    void aLivingThreadOfTheDeadParentsGroupAdoptsFirst() {
        // T1 -> T2 (a thread of T1's group), T1 -> T3; T1 exits: its thread T2 takes T3
        Kernel k = clone(S.boot(), 0, 0);
        k = clone(clone(k, 1, CloneFlags.CLONE_THREAD), 1, 0);
        adopts(k, 1, 3, 2);
    }

    @Test
    void aThreadsChildrenGoToItsGroupsLeader() {
        // T1 -> T2 (a thread of T1's group); T2 -> T3; T2 exits: T3 goes to T1, the leader, not to the root init
        Kernel k = clone(clone(S.boot(), 0, 0), 1, CloneFlags.CLONE_THREAD);
        k = clone(k, 2, 0);
        adopts(k, 2, 3, 1);
    }

    @Test
    void aDyingInitsChildrenGoToALivingThreadOfItsGroup() {
        // T1 -> T2 the init of a new namespace; T2 -> T3 (a thread), T2 -> T4; T2 exits: T3 becomes the init and takes T4
        Kernel k = clone(clone(S.boot(), 0, 0), 1, CloneFlags.CLONE_NEWPID);
        k = clone(clone(k, 2, CloneFlags.CLONE_THREAD), 2, 0);
        adopts(k, 2, 4, 3);
    }

    @Test
    void aStepThatReparentsNoOneSaysNothing() {
        Kernel k = clone(S.boot(), 0, 0);
        assertEquals(Verdict.VACUOUS, judge(k, k));
        assertEquals(Verdict.VACUOUS, judge(k, clone(k, 1, 0)));
    }
}
