package nscheck.spec.rules;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.call.Signals;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.Fown;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SigInfo;
import nscheck.spec.state.Task;
import nscheck.spec.state.TaskContext;
import nscheck.spec.variant.Variant;

import java.util.ArrayList;
import java.util.List;

/**
 * fs/fcntl.c: async I/O owners of the model's pipe (F_SETOWN, F_SETOWN_EX, F_GETOWN, F_SETSIG)
 * and send_sigio, which pipe_write's kill_fasync runs in the writer's context (A1-A5). The owner
 * is a struct pid, so whoever writes, in whichever namespace, signals the same tasks; what the
 * owner's number is depends only on who asks (F_GETOWN). SIGIO is blocked in every task of the
 * model (the probe blocks it in the scenario's first process; children inherit the mask), so
 * it always queues for sigwaitinfo: its default action (terminate, or an init's drop) is not modelled.
 */
final class FcntlRules {
    private FcntlRules() {}

    /** f_setown: above 0 PIDTYPE_TGID, below 0 PIDTYPE_PGID of -arg, 0 clears; find_vpid in the caller's namespace, ESRCH if none (A1). */
    static Outcome fSetown(Variant v, Kernel k, int actor, int arg) {
        if (arg == Integer.MIN_VALUE) return Outcome.error(k, Errno.EINVAL);
        int type = arg < 0 ? Fown.PIDTYPE_PGID : Fown.PIDTYPE_TGID;
        return setOwner(v, k, actor, Math.abs(arg), type);
    }

    /** f_setown_ex: F_OWNER_TID, F_OWNER_PID, F_OWNER_PGRP; another type EINVAL; a nonzero pid not found ESRCH (A1). */
    static Outcome fSetownEx(Variant v, Kernel k, int actor, int ownerType, int pid) {
        int type;
        switch (ownerType) {
            case AsyncIoCall.F_OWNER_TID -> type = Fown.PIDTYPE_PID;
            case AsyncIoCall.F_OWNER_PID -> type = Fown.PIDTYPE_TGID;
            case AsyncIoCall.F_OWNER_PGRP -> type = Fown.PIDTYPE_PGID;
            default -> { return Outcome.error(k, Errno.EINVAL); }
        }
        return setOwner(v, k, actor, pid, type);
    }

    /**
     * __f_setown -> f_modown: find_vpid finds any struct pid numbered {@code nr} in the caller's
     * namespace (a task's, or a process group's whose leader is gone) whatever the type; no
     * permission check on the target (sigio_perm decides at delivery). The caller's uid and euid
     * are recorded with the pid.
     */
    private static Outcome setOwner(Variant v, Kernel k, int actor, int nr, int type) {
        PidRef pid = null;
        if (nr != 0) {
            pid = findVpid(v, k, k.task(actor).activeNs(), nr);
            if (pid == null) return Outcome.error(k, Errno.ESRCH);
        }
        Credentials c = k.objects().context(actor).cred();
        Fown f = k.objects().fown().withOwner(pid, type, c.uid(), c.euid());
        return Outcome.zero(k.withObjects(k.objects().withFown(f)).collectNamespaces());
    }

    private static PidRef findVpid(Variant v, Kernel k, int ns, int nr) {
        if (nr <= 0) return null;
        int holder = v.lookup(k, ns, nr);
        return holder >= 0 ? PidRef.of(k, holder) : k.objects().groupNumbered(ns, nr);
    }

    /** f_getown: pid_vnr(owner), negated for a group, if pid_task(owner, type) exists; else 0 (A2). */
    static Outcome fGetown(Variant v, Kernel k, int actor) {
        Fown f = k.objects().fown();
        PidRef owner = ownerReferent(k);
        if (owner == PidRef.NONE) return new Outcome(k, Observation.pid(0, Observation.NOBODY));
        int nr = v.fownNr(k, owner, k.task(actor).activeNs());
        int about = owner.holder(k);
        return new Outcome(k, Observation.pid(f.type() == Fown.PIDTYPE_PGID ? -nr : nr, about));
    }

    /** Ground truth for F_GETOWN: the owner's struct pid while pid_task(pid, type) finds a task, else {@link PidRef#NONE}. */
    static PidRef ownerReferent(Kernel k) {
        Fown f = k.objects().fown();
        if (f.pid() == null) return PidRef.NONE;
        return targets(k, f).isEmpty() ? PidRef.NONE : f.pid();
    }

    /**
     * The tasks of pid_task / do_each_pid_task(owner, type): for PIDTYPE_PID the task with this
     * very pid; PIDTYPE_TGID the same task only if it leads its thread group (the TGID list
     * holds leaders); PIDTYPE_PGID every process whose group it is. Zombies included (attached
     * until release_task).
     */
    private static List<Integer> targets(Kernel k, Fown f) {
        List<Integer> out = new ArrayList<>();
        if (f.type() == Fown.PIDTYPE_PGID) {
            for (int i = 0; i < k.taskSlots(); i++) {
                Task u = k.task(i);
                if (u != null && !u.hasLeader() && f.pid().equals(k.objects().context(i).pgrp())) out.add(i);
            }
            return out;
        }
        int holder = f.pid().holder(k);
        if (holder >= 0 && (f.type() == Fown.PIDTYPE_PID || !k.task(holder).hasLeader())) out.add(holder);
        return out;
    }

    /** F_SETSIG: valid_signal (0..64) or EINVAL; 0 is plain SIGIO (A4). */
    static Outcome fSetsig(Kernel k, int sig) {
        if (sig < 0 || sig > 64) return Outcome.error(k, Errno.EINVAL);
        return Outcome.zero(k.withObjects(k.objects().withFown(k.objects().fown().withSignum(sig))));
    }

    /**
     * pipe_write -> kill_fasync(POLL_IN) -> send_sigio: each task of the owner (for PIDTYPE_PID
     * and PIDTYPE_TGID pid_task(pid, PIDTYPE_PID), which sends to the whole process for TGID)
     * that passes sigio_perm gets the signal; others silently nothing (A3, A5). The writer's own
     * namespace and credentials play no part.
     */
    static Outcome pipeWrite(Variant v, Kernel k, int actor) {
        Fown f = k.objects().fown();
        if (f.pid() == null) return new Outcome(k, Observation.value(1));
        List<Integer> to = new ArrayList<>();
        if (f.type() == Fown.PIDTYPE_PGID) to.addAll(targets(k, f));
        else if (f.pid().holder(k) >= 0) to.add(f.pid().holder(k));
        Kernel next = k;
        for (int t : to) next = sendSigioToTask(v, next, actor, t, f);
        return new Outcome(next, Observation.value(1));
    }

    /**
     * send_sigio_to_task: F_SETSIG 0 sends SIGIO with SEND_SIG_PRIV (si_code SI_KERNEL, si_pid
     * and si_uid 0); any other signal goes with si_code POLL_IN, si_band POLLIN|POLLRDNORM and
     * si_fd the fd that enabled O_ASYNC (SIL_POLL: si_pid reads si_band's low half, 0x41). The
     * queue is the process's unless the owner is one thread (PIDTYPE_PID). A dead task queues nothing.
     */
    private static Kernel sendSigioToTask(Variant v, Kernel k, int writer, int target, Fown f) {
        Task u = k.task(target);
        TaskContext tc = k.objects().context(target);
        if (u == null || !u.alive() || tc == null || !sigioPerm(f, tc.cred())) return k;
        boolean plain = f.signum() == 0;
        int sig = plain ? Signals.SIGIO : f.signum();
        int siPid = plain ? v.sigioPid(k, writer, target) : POLL_BAND;
        SigInfo info = new SigInfo(sig, siPid, 0, PidRef.NONE, 0, tc.cred().userNs(), f.type() != Fown.PIDTYPE_PID,
                plain ? AsyncIoCall.SI_KERNEL : AsyncIoCall.POLL_IN);
        return k.withObjects(k.objects().withContext(target, tc.queued(info)));
    }

    /** mangle_poll(POLLIN | POLLRDNORM): si_band of POLL_IN, whose low 32 bits si_pid aliases on x86-64. */
    static final int POLL_BAND = 0x41;

    /** sigio_perm: the setter's euid is root, or its euid or uid equals the target's uid or saved uid (kuids; no namespace check) (A5). */
    static boolean sigioPerm(Fown f, Credentials target) {
        return f.euid() == 0 || f.euid() == target.euid() || f.euid() == target.uid() || f.uid() == target.euid() || f.uid() == target.uid();
    }

    /** sigwaitinfo({SIGIO}): dequeues the first pending SIGIO and returns si_pid, si_code or si_fd; blocks while none is queued (A4). */
    static List<Outcome> sigwaitSigio(Kernel k, int actor, int field) {
        TaskContext c = k.objects().context(actor);
        SigInfo info = c == null ? null : c.firstPending(sig -> sig == Signals.SIGIO);
        if (info == null) return List.of();
        Kernel next = k.withObjects(k.objects().withContext(actor, c.dequeued(info))).collectNamespaces();
        long value = field == AsyncIoCall.SI_CODE ? info.code()
                : field == AsyncIoCall.SI_FD ? (info.code() == AsyncIoCall.POLL_IN ? AsyncIoCall.PIPE_READ_FD : 0) : info.siPid();
        // about nobody: the kernel's SIGIO (SI_KERNEL) names no process, and POLL_IN's si_pid is si_band
        return List.of(new Outcome(next, Observation.value(value)));
    }
}
