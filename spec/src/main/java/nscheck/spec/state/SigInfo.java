package nscheck.spec.state;

import nscheck.spec.call.Signals;

/**
 * A queued signal with its siginfo as the receiver will read it (struct sigqueue, kernel/signal.c).
 * The kernel stores numbers, not references: si_pid is fixed when the signal is sent (P10) and
 * keeps its value after the sender is reaped. {@code sender} and {@code senderKuid} are ground truth
 * for the invariants (whom si_pid and si_uid are meant to denote), and {@code readerUserNs} the
 * receiver's user namespace when the signal was queued (si_uid is not translated again if the
 * receiver later moves to another one); the receiver never sees them. {@code claimedPid} is the
 * si_pid a caller wrote into a siginfo it made (rt_sigqueueinfo, P10b), -1 when the kernel made it;
 * {@code senderKuid} is then the kernel uid the caller's si_uid names in its own user namespace.
 *
 * <p>{@code shared}: which of the receiver's two queues holds it (__send_signal_locked: {@code
 * type != PIDTYPE_PID ? &t->signal->shared_pending : &t->pending}). tgkill names one thread and
 * queues privately; kill, sigqueue, kill(0), kill(-pgid) and SIGCHLD signal the process and queue
 * on the shared one. Found by `nscheck conform`: a SIGUSR1 can be pending in both at once.
 *
 * <p>{@code code}: si_code where the spec reads it, a SIGIO's SI_KERNEL or POLL_IN (A4); 0 for
 * the signals whose si_code no call reads yet (kill, sigqueue, tgkill, SIGCHLD).
 */
public record SigInfo(int sig, int siPid, int siUid, PidRef sender, int senderKuid, int readerUserNs, boolean shared, int code, int claimedPid) {
    /** A siginfo the kernel made (kill, sigqueue as glibc makes it, tgkill, SIGCHLD). */
    public SigInfo(int sig, int siPid, int siUid, PidRef sender, int senderKuid, int readerUserNs, boolean shared) {
        this(sig, siPid, siUid, sender, senderKuid, readerUserNs, shared, 0, -1);
    }

    /** A siginfo the kernel made whose si_code the spec reads (a SIGIO). */
    public SigInfo(int sig, int siPid, int siUid, PidRef sender, int senderKuid, int readerUserNs, boolean shared, int code) {
        this(sig, siPid, siUid, sender, senderKuid, readerUserNs, shared, code, -1);
    }

    void hashInto(StateHasher h) {
        if (code != 0) h.add(code);
        h.add(shared ? 1 : 0);
        h.add(readerUserNs);
        h.add(sig);
        h.add(siPid);
        h.add(siUid);
        PidRef.hash(h, sender);
        h.add(senderKuid);
        if (claimedPid >= 0) h.add(claimedPid);
    }

    @Override
    public String toString() {
        return Signals.name(sig) + (shared ? "" : "/thread") + "{pid=" + siPid + ",uid=" + siUid + (code != 0 ? ",code=" + code : "") + "}";
    }
}
