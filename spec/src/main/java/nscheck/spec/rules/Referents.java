package nscheck.spec.rules;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.FdCalls;
import nscheck.spec.call.HandlerCall;
import nscheck.spec.call.PartialSyscallTable;
import nscheck.spec.call.ProcCall;
import nscheck.spec.call.Signals;
import nscheck.spec.call.ProcessCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.OpenFile;
import nscheck.spec.state.TaskState;
import nscheck.spec.state.PeerCred;
import nscheck.spec.state.PidRef;
import nscheck.spec.state.SigInfo;

/**
 * Ground truth for the invariants: what a call that reports a PID or a uid reads, as the state
 * before the call holds it. The caller never sees this; the invariants compare it with what the
 * caller was told.
 */
public final class Referents {
    private Referents() {}

    /** The kernel uid a uid-reporting call reads, and the user namespace it is to be read in. */
    public record Uid(int kuid, int readerUserNs) {}

    /** The struct pid reference a PID-reporting call reads; null for calls that report no PID or have nothing to report. */
    public static PidRef pid(Kernel k, int actor, Syscall call) {
        return call.accept(new PartialSyscallTable<PidRef>() {
            @Override protected PidRef otherwise(Syscall c) { return null; }

            @Override public PidRef sigwaitinfo(Syscall.Sigwaitinfo c) {
                SigInfo next = SigwaitRules.waitable(k, actor);
                return c.uid() || next == null ? null : next.sender();
            }

            // P21: the sender of the oldest siginfo the handler recorded
            @Override public PidRef handled(HandlerCall.Handled c) {
                SigInfo next = HandlerRules.nextHandled(k.objects().context(actor));
                return c.field() != HandlerCall.Field.SI_PID || next == null ? null : next.sender();
            }

            // A2: the owner while pid_task finds it, else nobody (F_GETOWN reads 0)
            @Override public PidRef fGetown(AsyncIoCall.Getown c) { return FcntlRules.ownerReferent(k); }

            // A4: a plain SIGIO is the kernel's (SEND_SIG_PRIV), nobody's; POLL_IN's si_pid is si_band, no PID
            @Override public PidRef sigwaitSigio(AsyncIoCall.SigwaitSigio c) {
                SigInfo next = k.objects().context(actor).firstPending(sig -> sig == Signals.SIGIO);
                return c.field() != AsyncIoCall.SI_PID || next == null || next.code() != AsyncIoCall.SI_KERNEL ? null : PidRef.NONE;
            }

            @Override public PidRef getsid(ProcessCall.Getsid c) { return groupOf(k, actor, c.pid(), true); }
            @Override public PidRef getpgid(ProcessCall.Getpgid c) { return groupOf(k, actor, c.pid(), false); }
            @Override public PidRef msgStat(Syscall.MsgStat c) { return MsgRules.statReferent(k, actor, c.receiver()); }
            @Override public PidRef semGetpid(Syscall.SemGetpid c) { return SemRules.getpidReferent(k, actor); }
            @Override public PidRef shmStat(Syscall.ShmStat c) { return ShmRules.statReferent(k, actor, c.last()); }
            @Override public PidRef recvCreds(Syscall.RecvCreds c) { return c.uid() ? null : pidOf(AfUnixRules.incoming(k, actor, c.fd())); }
            @Override public PidRef peerCredQuery(Syscall.PeerCredQuery c) { return c.uid() ? null : pidOf(AfUnixRules.peer(k, actor, c.fd())); }

            /** waitid(P_PIDFD)'s si_pid names the pidfd's process once it is a zombie with no threads left to wait for (D3). */
            @Override public PidRef waitidPidfd(FdCalls.WaitidPidfd c) {
                OpenFile.Pidfd p = PidRules.pidfd(k, actor, c.fd());
                int holder = p == null || p.reaped() ? -1 : p.pid().holder(k);
                if (holder < 0 || k.task(holder).state != TaskState.ZOMBIE || k.groupMembers(holder).size() > 1) return null;
                return p.pid();
            }

            // J5: a kernel-sent SIGHUP/SIGCONT names nobody (0), a kill'd SIGCONT its sender
            @Override public PidRef sigwaitJobSignals(nscheck.spec.call.JobCall.SigwaitJobSignals c) {
                SigInfo next = SigwaitRules.jobSignal(k, actor);
                return next == null ? null : next.sender();
            }

            // V2: the reader's process (/proc/self) or the reader itself (/proc/thread-self)
            @Override public PidRef readlinkSelf(ProcCall.ReadlinkSelf c) { return PidRef.of(k, c.thread() ? actor : k.groupLeader(actor)); }

            // V3: the task the number names in the proc's namespace
            @Override public PidRef statusNspid(ProcCall.StatusNspid c) { return PidRef.of(k, k.holderOf(k.task(actor).procNs, c.pid())); }
        });
    }

    /**
     * The PID namespace a reported number is to be read in: the reader's active one, except what
     * /proc shows, which is numbered in the namespace of the reader's proc (V2), and the NSpid
     * line, whose entry e is the referent's number at the proc's level + e (V3); -1 where the
     * referent has no such level (the line is shorter: 0).
     */
    public static int readerNs(Kernel k, int actor, Syscall call, PidRef ref) {
        int active = k.task(actor).activeNs();
        return call.accept(new PartialSyscallTable<Integer>() {
            @Override protected Integer otherwise(Syscall c) { return active; }

            @Override public Integer readlinkSelf(ProcCall.ReadlinkSelf c) { return k.task(actor).procNs; }

            @Override public Integer statusNspid(ProcCall.StatusNspid c) {
                int level = k.ns(k.task(actor).procNs).level() + c.entry();
                return level <= ref.level() ? ref.nsAtLevel(level) : -1;
            }
        });
    }

    /**
     * The magnitude of a reported number: F_GETOWN reports a process group negated (A2); every
     * other call reports the number itself.
     */
    public static long reportedNumber(Syscall call, long value) {
        return call.accept(new PartialSyscallTable<Long>() {
            @Override protected Long otherwise(Syscall c) { return value; }

            @Override public Long fGetown(AsyncIoCall.Getown c) { return Math.abs(value); }
        });
    }

    /**
     * The si_pid a caller wrote into the siginfo a pid-reading sigwaitinfo dequeues (rt_sigqueueinfo,
     * P10b), or -1 when the kernel made it or the call reads no siginfo pid.
     */
    public static int claimedPid(Kernel k, int actor, Syscall call) {
        return call.accept(new PartialSyscallTable<Integer>() {
            @Override protected Integer otherwise(Syscall c) { return -1; }

            @Override public Integer sigwaitinfo(Syscall.Sigwaitinfo c) {
                SigInfo next = SigwaitRules.waitable(k, actor);
                return c.uid() || next == null ? -1 : next.claimedPid();
            }

            @Override public Integer handled(HandlerCall.Handled c) {
                SigInfo next = HandlerRules.nextHandled(k.objects().context(actor));
                return c.field() != HandlerCall.Field.SI_PID || next == null ? -1 : next.claimedPid();
            }
        });
    }

    /** getsid/getpgid's referent: the session (or group) of the task {@code pid} names, the caller for 0. */
    private static PidRef groupOf(Kernel k, int actor, int pid, boolean session) {
        int p = pid == 0 ? actor : k.holderOf(k.task(actor).activeNs(), pid);
        if (p < 0 || k.objects().context(p) == null) return null;
        return session ? k.objects().context(p).session() : k.objects().context(p).pgrp();
    }

    /**
     * Whether the PID a call returns is the child it reaped, named in the observation itself (the
     * child is the kernel's choice among the zombies): waitid's si_pid (wait_task_zombie), and the PID a
     * WUNTRACED|WCONTINUED waitpid returns (wait_task_stopped, wait_task_continued).
     */
    public static boolean reportsReapedChild(Syscall call) {
        return call.accept(new PartialSyscallTable<Boolean>() {
            @Override protected Boolean otherwise(Syscall c) { return false; }
            @Override public Boolean waitid(ProcessCall.Waitid c) { return c.field() == ProcessCall.Waitid.Field.SI_PID; }
            // J3: the child a WUNTRACED|WCONTINUED wait reports, stopped, continued or reaped
            @Override public Boolean waitUntraced(nscheck.spec.call.JobCall.WaitUntraced c) { return !c.status(); }
        });
    }

    private static PidRef pidOf(PeerCred c) {
        return c == null ? null : c.pid();
    }

    /**
     * What a uid-reporting call reads, or null. A siginfo is read in the user namespace its
     * receiver had when it was queued; socket credentials in the reader's current one (scm_recv
     * and SO_PEERCRED map at read time).
     */
    public static Uid uid(Kernel k, int actor, Syscall call) {
        return call.accept(new PartialSyscallTable<Uid>() {
            @Override protected Uid otherwise(Syscall c) { return null; }

            @Override public Uid sigwaitinfo(Syscall.Sigwaitinfo c) {
                SigInfo next = SigwaitRules.waitable(k, actor);
                // A si_uid the sender wrote itself (rt_sigqueueinfo, P10b) names no one: not judged.
                return !c.uid() || next == null || next.claimedPid() >= 0 ? null : new Uid(next.senderKuid(), next.readerUserNs());
            }

            @Override public Uid handled(HandlerCall.Handled c) {
                SigInfo next = HandlerRules.nextHandled(k.objects().context(actor));
                return c.field() != HandlerCall.Field.SI_UID || next == null || next.claimedPid() >= 0 ? null : new Uid(next.senderKuid(), next.readerUserNs());
            }

            @Override public Uid recvCreds(Syscall.RecvCreds c) { return c.uid() ? read(AfUnixRules.incoming(k, actor, c.fd())) : null; }
            @Override public Uid peerCredQuery(Syscall.PeerCredQuery c) { return c.uid() ? read(AfUnixRules.peer(k, actor, c.fd())) : null; }

            private Uid read(PeerCred p) {
                return p == null ? null : new Uid(p.kuid(), k.objects().context(actor).cred().userNs());
            }
        });
    }
}
