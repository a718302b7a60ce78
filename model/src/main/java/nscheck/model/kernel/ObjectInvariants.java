package nscheck.model.kernel;

import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.rules.Referents;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SemUndoList;
import nscheck.spec.state.SigInfo;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.UCounts;
import nscheck.spec.state.UserNamespace;

import java.util.ArrayList;
import java.util.List;

/**
 * Invariants over signals, SysV IPC, socket credentials and user namespaces. Each is stated on
 * ground truth (the referent a stored reference or siginfo was taken from, the kernel ids, the
 * tasks that exist) independently of the variant, and each has a seeded bug in
 * nscheck.spec.variant.SeededBugs that violates it.
 */
public final class ObjectInvariants {
    private ObjectInvariants() {}

    public static List<Property<Kernel, KernelStep>> all(Semantics s) {
        return List.of(reportedPid(), reportedPidReaches(s), uidMapping(), nprocExact(), undoOwnNamespace());
    }

    /**
     * I1, I3, C3, C4, P10, P21, A2, A4, V2, V3: the number read is pid_nr_ns of the referent in the reader's namespace
     * (for /proc, the proc's). P10b: a si_pid the sender wrote itself (rt_sigqueueinfo) is read as written, but only
     * from a sender the reader can see: from an invisible one it is 0, as any si_pid.
     */
    static Property<Kernel, KernelStep> reportedPid() {
        return new Property.AlwaysStep<>("reported-pid",
                "a PID read from a siginfo (waitid's and a handler's included), an IPC object, a socket, a session, a process group, a file's async I/O owner or /proc is the number its referent has in the reader's PID namespace (for /proc: the proc's, and NSpid's entry e the number at the proc's level + e), 0 if none, also after the referent is gone (an owner: 0 once gone; a kernel-sent SIGIO: 0); a si_pid the sender wrote is read as written, 0 from a sender the reader cannot see", (pre, step, post) -> {
            var r = step.result();
            if (!r.returns() || r.failed()) return Verdict.VACUOUS;
            PidRef ref = Referents.reportsReapedChild(step.call()) ? PidRef.of(pre, r.about()) : Referents.pid(pre, step.actor(), step.call());
            if (ref == null) return Verdict.VACUOUS;
            int callerNs = Referents.readerNs(pre, step.actor(), step.call(), ref);
            int claimed = Referents.claimedPid(pre, step.actor(), step.call());
            int expected = ref.numberIn(callerNs);
            if (claimed >= 0 && expected != 0) expected = claimed;
            return Verdict.of(Referents.reportedNumber(step.call(), r.value()) == expected);
        });
    }

    /** A reported PID of a task that still exists reaches that very task through kill(2)'s lookup. */
    static Property<Kernel, KernelStep> reportedPidReaches(Semantics s) {
        return new Property.AlwaysStep<>("reported-pid-reaches",
                "a nonzero PID reported about a task that still exists names, in the reader's namespace, the task kill() would reach", (pre, step, post) -> {
            var r = step.result();
            if (!r.returns() || r.failed() || r.value() == 0) return Verdict.VACUOUS;
            PidRef ref = Referents.pid(pre, step.actor(), step.call());
            if (ref == null) return Verdict.VACUOUS;
            int holder = ref.holder(pre);
            if (holder < 0) return Verdict.VACUOUS;
            int callerNs = Referents.readerNs(pre, step.actor(), step.call(), ref);
            if (callerNs < 0) return Verdict.VACUOUS;
            return Verdict.of(s.variant.lookup(pre, callerNs, (int) r.value()) == holder);
        });
    }

    /**
     * C3, C4, P10: ids cross a user-namespace boundary only through its maps; unmapped reads 65534.
     * Socket credentials are mapped once, when read (scm_recv, SO_PEERCRED): 65534 is right only
     * where the reader's namespace does not map the sender. A siginfo's si_uid is written when the
     * signal is queued, in the sender's own namespace and then carried from target to target of a
     * group send (P10 double munging), so it may be lost on its way, but only through a user
     * namespace that did not map the sender at that moment; it is judged then, at the step that
     * queues it, since maps are written and namespaces freed after.
     */
    static Property<Kernel, KernelStep> uidMapping() {
        return new Property.AlwaysStep<>("uid-mapping",
                "a uid read from a siginfo or a socket is the sender's kernel uid as the reader's user namespace maps it, or the overflow uid 65534; a si_uid the sender wrote itself is not judged", (pre, step, post) -> {
            Verdict queued = newlyQueuedOverflowUids(pre, post);
            if (queued == Verdict.VIOLATED) return queued;
            var r = step.result();
            if (!r.returns() || r.failed()) return queued;
            Referents.Uid ref = Referents.uid(pre, step.actor(), step.call());
            if (ref == null) return queued;
            int mapped = pre.objects().userNs(ref.readerUserNs()).fromKernel(ref.kuid(), false);
            if (r.value() != UserNamespace.OVERFLOW_ID) return Verdict.of(r.value() == mapped);
            // A siginfo's overflow uid was judged when it was queued.
            if (step.call() instanceof Syscall.Sigwaitinfo || step.call() instanceof nscheck.spec.call.HandlerCall.Handled) return Verdict.HOLDS;
            return Verdict.of(mapped == UserNamespace.OVERFLOW_ID);
        });
    }

    /**
     * Every siginfo this step queued that carries the overflow uid: wrong unless the reader's
     * namespace does not map the sender or some user namespace, then, did not (the loss of P10).
     * VACUOUS when the step queued none.
     */
    private static Verdict newlyQueuedOverflowUids(Kernel pre, Kernel post) {
        KernelObjects before = pre.objects(), after = post.objects();
        Verdict v = Verdict.VACUOUS;
        for (int i = 0; i < post.taskSlots(); i++) {
            TaskContext c = after.context(i);
            if (c == null) continue;
            TaskContext old = before.context(i);
            // what the step queued, or handed straight to a handler (P21)
            List<SigInfo> seen = new ArrayList<>(old == null ? List.of() : old.pending());
            if (old != null) seen.addAll(old.handled());
            List<SigInfo> now = new ArrayList<>(c.pending());
            now.addAll(c.handled());
            for (SigInfo info : now) {
                if (seen.remove(info)) continue;
                if (info.siUid() != UserNamespace.OVERFLOW_ID || info.claimedPid() >= 0) continue;
                UserNamespace reader = after.userNs(info.readerUserNs());
                if (reader != null && reader.fromKernel(info.senderKuid(), false) == UserNamespace.OVERFLOW_ID) v = Verdict.HOLDS;
                else if (someUserNsDoesNotMap(before, info.senderKuid()) || someUserNsDoesNotMap(after, info.senderKuid())) v = Verdict.HOLDS;
                else return Verdict.VIOLATED;
            }
        }
        return v;
    }

    private static boolean someUserNsDoesNotMap(KernelObjects o, int kuid) {
        for (int i = 0; i < o.userNsSlots(); i++) {
            UserNamespace ns = o.userNs(i);
            if (ns != null && ns.fromKernel(kuid, false) == UserNamespace.OVERFLOW_ID) return true;
        }
        return false;
    }

    /** U3, U4: the ucounts equal a recount of the tasks that exist (zombies included, until release_task). */
    static Property<Kernel, KernelStep> nprocExact() {
        return new Property.Always<>("nproc-exact",
                "every per-(user namespace, uid) process count equals the number of existing tasks charged to it, up the namespace chain", k -> {
            KernelObjects o = k.objects();
            UCounts truth = UCounts.EMPTY;
            boolean interesting = false;
            for (int i = 0; i < k.taskSlots(); i++) {
                Task t = k.task(i);
                TaskContext c = o.context(i);
                if ((t == null) != (c == null)) return Verdict.VIOLATED;
                if (c == null) continue;
                interesting |= c.cred().userNs() != UserNamespace.INIT || c.cred().uid() != 0;
                for (int ns = c.cred().userNs(), uid = c.cred().uid(), hops = 0; ns >= 0 && hops <= o.userNsSlots(); hops++) {
                    truth = truth.add(ns, uid, 1);
                    uid = o.userNs(ns).owner();
                    ns = o.userNs(ns).parent();
                }
            }
            if (!truth.equals(o.ucounts())) return Verdict.VIOLATED;
            return interesting ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }

    /** I7-I9: an undo list only ever holds adjustments for semaphores of its holders' IPC namespace. */
    static Property<Kernel, KernelStep> undoOwnNamespace() {
        return new Property.Always<>("undo-own-namespace",
                "semaphore undo never reaches another IPC namespace: every undo entry a task holds is for a semaphore of that task's IPC namespace", k -> {
            KernelObjects o = k.objects();
            boolean any = false;
            for (int i = 0; i < k.taskSlots(); i++) {
                TaskContext c = o.context(i);
                if (c == null || c.undoList() < 0) continue;
                for (SemUndoList.Entry e : o.undoList(c.undoList()).entries()) {
                    any = true;
                    if (e.ipcNs() != c.ipcNs()) return Verdict.VIOLATED;
                }
            }
            return any ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }
}
