package nscheck.checkers.conform;

import nscheck.spec.call.Syscall;

/**
 * How a spec call is written for the probe (checkers/src/main/c/nsprobe.c): an operation name and
 * two numeric arguments. Steps the kernel takes on its own (a fatal signal acted on, a woken futex
 * call returning) are operations too: the probe sends nothing and waits for their effect.
 *
 * <p>New areas add a case here and a branch in the probe's actor
 * loop; nothing else in the runner depends on the kind of call.
 */
record ProbeCall(String op, long a, long b) {
    static ProbeCall of(Syscall call, int childActor) {
        if (call instanceof Syscall.Clone c) return new ProbeCall("clone", c.flags() & 0xffffffffL, childActor);
        if (call instanceof Syscall.Unshare u) return new ProbeCall("unshare", u.flags() & 0xffffffffL, 0);
        if (call instanceof Syscall.Setns s) return new ProbeCall("setns", s.pid(), 0);
        if (call instanceof Syscall.Exit e) return new ProbeCall("exit", e.status(), 0);
        if (call instanceof Syscall.Wait w) return new ProbeCall("wait", w.pid(), 0);
        if (call instanceof Syscall.GetPid) return new ProbeCall("getpid", 0, 0);
        if (call instanceof Syscall.GetPpid) return new ProbeCall("getppid", 0, 0);
        if (call instanceof Syscall.GetTid) return new ProbeCall("gettid", 0, 0);
        if (call instanceof Syscall.Kill k) return new ProbeCall("kill", k.pid(), k.sig());
        if (call instanceof Syscall.ReadNsLastPid) return new ProbeCall("nlread", 0, 0);
        if (call instanceof Syscall.WriteNsLastPid w) return new ProbeCall("nlwrite", w.value(), 0);
        if (call instanceof Syscall.SetChildSubreaper) return new ProbeCall("subreaper", 0, 0);
        if (call instanceof Syscall.SignalDelivery) return new ProbeCall("deliver", 0, 0);
        if (call instanceof Syscall.FutexWait w) return new ProbeCall("fwait", w.word(), w.expected() & 0xffffffffL);
        if (call instanceof Syscall.FutexWake w) return new ProbeCall("fwake", w.word(), w.count());
        if (call instanceof Syscall.FutexLockPi l) return new ProbeCall("flock", l.word(), 0);
        if (call instanceof Syscall.FutexTrylockPi l) return new ProbeCall("ftrylock", l.word(), 0);
        if (call instanceof Syscall.FutexUnlockPi u) return new ProbeCall("funlock", u.word(), 0);
        if (call instanceof Syscall.FutexReturn) return new ProbeCall("freturn", 0, 0);
        // signals with siginfo (P9, P10, P11)
        if (call instanceof Syscall.Sigqueue q) return new ProbeCall("sigqueue", q.pid(), 0);
        if (call instanceof Syscall.Tgkill t) return new ProbeCall("tgkill", t.tgid(), t.tid());
        if (call instanceof Syscall.Setpgid) return new ProbeCall("setpgid", 0, 0);
        if (call instanceof Syscall.SigBlock) return new ProbeCall("sigblock", 0, 0);
        if (call instanceof Syscall.Sigwaitinfo w) return new ProbeCall("sigwait", w.uid() ? 1 : 0, 0);
        // SysV IPC: the namespace's one object of each kind, found by key (I1-I9)
        if (call instanceof Syscall.Msgget) return new ProbeCall("msgget", 0, 0);
        if (call instanceof Syscall.Msgsnd) return new ProbeCall("msgsnd", 0, 0);
        if (call instanceof Syscall.Msgrcv) return new ProbeCall("msgrcv", 0, 0);
        if (call instanceof Syscall.MsgStat m) return new ProbeCall("msgstat", m.receiver() ? 1 : 0, 0);
        if (call instanceof Syscall.Semget) return new ProbeCall("semget", 0, 0);
        if (call instanceof Syscall.Semop o) return new ProbeCall("semop", o.op(), 0);
        if (call instanceof Syscall.SemGetpid) return new ProbeCall("semgetpid", 0, 0);
        if (call instanceof Syscall.SemGetval) return new ProbeCall("semgetval", 0, 0);
        if (call instanceof Syscall.SemRmid) return new ProbeCall("semrmid", 0, 0);
        if (call instanceof Syscall.Shmget) return new ProbeCall("shmget", 0, 0);
        if (call instanceof Syscall.ShmAttach) return new ProbeCall("shmat", 0, 0);
        if (call instanceof Syscall.ShmStat m) return new ProbeCall("shmstat", m.last() ? 1 : 0, 0);
        // user namespaces and credentials (U3-U5)
        if (call instanceof Syscall.Setuid u) return new ProbeCall("setuid", u.uid(), 0);
        if (call instanceof Syscall.WriteIdMaps) return new ProbeCall("idmaps", 0, 0);
        // Unix-socket credentials (C4): the listener accepts on its next socket call
        if (call instanceof Syscall.Listen) return new ProbeCall("listen", 0, 0);
        if (call instanceof Syscall.Connect) return new ProbeCall("connect", 0, 0);
        if (call instanceof Syscall.PeerCredQuery q && !q.uid()) return new ProbeCall("peercred", 0, 0);
        if (call instanceof Syscall.Send) return new ProbeCall("send", 0, 0);
        if (call instanceof Syscall.SendCreds c) return new ProbeCall("screds", c.pid(), c.uid());
        if (call instanceof Syscall.RecvCreds r && !r.uid()) return new ProbeCall("recvcred", 0, 0);
        throw new IllegalArgumentException("the probe has no operation for " + call);
    }
}
