package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.FdTable;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SigActions;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.TaskContext;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A task's context (credentials, IPC namespace, undo list, mask, queue, process group, session,
 * dispositions, files, handler records) is part of the state's identity: two states whose one
 * task differs in any single field of its context differ in equality and in fingerprint, whether
 * the rest of the context is the boot root's (which hashes by a shortcut) or not.
 */
class ContextIdentityTest {
    private static Kernel forked() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));
        return r.k;
    }

    /** Contexts each one field away from {@code base}, and {@code base} itself. */
    private static Map<String, TaskContext> oneFieldAway(TaskContext base, Kernel k) {
        SigInfo usr1 = new SigInfo(Signals.SIGUSR1, 1, 0, PidRef.of(k, 0), 0, UserNamespace.INIT, true);
        PidRef own = PidRef.of(k, 1);
        Map<String, TaskContext> m = new LinkedHashMap<>();
        m.put("base", base);
        Credentials c = base.cred();
        m.put("userNs", base.withCred(new Credentials(c.userNs() + 1, c.uid(), c.euid(), c.gid(), c.caps(), c.dumpable())));
        m.put("uid", base.withCred(new Credentials(c.userNs(), c.uid() + 7, c.euid(), c.gid(), c.caps(), c.dumpable())));
        m.put("euid", base.withCred(new Credentials(c.userNs(), c.uid(), c.euid() + 7, c.gid(), c.caps(), c.dumpable())));
        m.put("gid", base.withCred(new Credentials(c.userNs(), c.uid(), c.euid(), c.gid() + 7, c.caps(), c.dumpable())));
        m.put("caps", base.withCred(new Credentials(c.userNs(), c.uid(), c.euid(), c.gid(), !c.caps(), c.dumpable())));
        m.put("dumpable", base.withCred(new Credentials(c.userNs(), c.uid(), c.euid(), c.gid(), c.caps(), !c.dumpable())));
        m.put("ipcNs", base.withIpcNs(base.ipcNs() + 1));
        m.put("ipcNs dropped", base.withIpcNs(-1));
        m.put("undoList", base.withUndoList(base.undoList() + 1));
        m.put("blocked SIGUSR1", base.withBlocked(base.blocked() ^ Signals.bit(Signals.SIGUSR1)));
        m.put("blocked SIGHUP", base.withBlocked(base.blocked() ^ Signals.bit(Signals.SIGHUP)));
        m.put("blocked SIGUSR1 and SIGCHLD", base.withBlocked(base.blocked() ^ TaskContext.SIGBLOCK_SET));
        m.put("pending", base.queued(usr1));
        m.put("pending twice", base.queued(usr1).queued(new SigInfo(Signals.SIGUSR1, 1, 0, PidRef.of(k, 0), 0, UserNamespace.INIT, false)));
        m.put("pgrp", base.withPgrp(own.equals(base.pgrp()) ? PidRef.of(k, 0) : own));
        m.put("session", new TaskContext(base.cred(), base.ipcNs(), base.undoList(), base.blocked(), base.pending(), base.pgrp(),
                own.equals(base.session()) ? PidRef.of(k, 0) : own,
                base.actions(), base.fds(), base.handled()));
        m.put("actions", base.withActions(base.actions().with(Signals.SIGUSR1, true, false, false), 0));
        m.put("handler", base.withActions(base.actions().with(Signals.SIGUSR2, false, true, false), 0));
        m.put("fds", base.withFds(base.fds().opened(new OpenFile.NsFile(CloneFlags.CLONE_NEWPID, 0))));
        m.put("handled", base.withHandled(List.of(usr1)));
        return m;
    }

    private static void allDistinct(Kernel k, Map<String, TaskContext> contexts) {
        List<String> names = new ArrayList<>(contexts.keySet());
        List<Kernel> states = new ArrayList<>();
        for (TaskContext c : contexts.values()) states.add(k.withObjects(k.objects().withContext(1, c)));
        for (int i = 0; i < states.size(); i++)
            for (int j = i + 1; j < states.size(); j++) {
                String what = names.get(i) + " / " + names.get(j);
                assertNotEquals(states.get(i), states.get(j), what);
                assertNotEquals(states.get(i).fingerprint(), states.get(j).fingerprint(), what + ": same fingerprint");
            }
    }

    @Test
    void everyFieldOfTheBootContextCounts() {
        Kernel k = forked();
        assertEquals(TaskContext.ROOT, k.objects().context(1), "a child of the root init starts with its context");
        allDistinct(k, oneFieldAway(TaskContext.ROOT, k));
    }

    @Test
    void everyFieldOfAnyOtherContextCounts() {
        Kernel k = forked();
        TaskContext other = TaskContext.ROOT.withCred(Credentials.ROOT.withUser(1000, false))
                .withBlocked(TaskContext.SIGBLOCK_SET).withUndoList(0);
        allDistinct(k, oneFieldAway(other, k));
        TaskContext busy = other.withSession(PidRef.of(k, 1)).withActions(SigActions.DEFAULT.with(Signals.SIGCHLD, true, false, true), 0)
                .withFds(FdTable.EMPTY.opened(new OpenFile.NsFile(CloneFlags.CLONE_NEWIPC, 0)))
                .withHandled(List.of(new SigInfo(Signals.SIGUSR2, 1, 0, PidRef.of(k, 0), 0, UserNamespace.INIT, true)));
        allDistinct(k, oneFieldAway(busy, k));
    }

    @Test
    void equalContextsGiveEqualStates() {
        Kernel k = forked();
        TaskContext a = TaskContext.ROOT.withBlocked(Signals.bit(Signals.SIGHUP)).withUndoList(0);
        TaskContext b = TaskContext.ROOT.withUndoList(0).withBlocked(Signals.bit(Signals.SIGHUP));
        Kernel ka = k.withObjects(k.objects().withContext(1, a)), kb = k.withObjects(k.objects().withContext(1, b));
        assertEquals(ka, kb);
        assertEquals(ka.fingerprint(), kb.fingerprint());
    }

    /** The objects keep each context's digest between steps: a changed context must not keep its old one. */
    @Test
    void aMemoisedFingerprintFollowsAChangedContext() {
        Kernel memo = forked(), fresh = forked();
        memo.fingerprint();
        for (Map.Entry<String, TaskContext> e : oneFieldAway(TaskContext.ROOT, fresh).entrySet()) {
            Kernel a = memo.withObjects(memo.objects().withContext(1, e.getValue()));
            Kernel b = fresh.withObjects(fresh.objects().withContext(1, e.getValue()));
            assertEquals(b.fingerprint(), a.fingerprint(), e.getKey());
            Kernel back = a.withObjects(a.objects().withContext(1, TaskContext.ROOT));
            assertEquals(memo.fingerprint(), back.fingerprint(), e.getKey() + " and back");
        }
    }
}
