package nscheck.checkers;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every invariant can fail: each seeded bug is caught, by the invariant it was built to break,
 * on a trace that is the shortest one (the same search bounded one step shorter finds nothing).
 */
class SeededBugsTest {

    @ParameterizedTest(name = "{1} breaks {2} in {3} steps")
    @CsvSource({
            "pidns-init-death, seeded-no-in-use-check, pid-unique,           5",
            "pidns-basic,      seeded-no-in-use-check, pid-unique,           2",
            "pidns-init-death, seeded-flat-levels,     pid-visibility,       2",
            "pidns-init-death, seeded-global-lookup,   pid-round-trip,       1",
            "pidns-init-death, seeded-leaky-translate, isolation,            2",
            "pidns-init-death, seeded-shallow-zap,     init-kills-namespace, 3",
            "pidns-init-death, seeded-global-reaper,   orphan-reaper,        4",
            // signals, SysV IPC, socket credentials, user namespaces
            "signals-siginfo,  seeded-leaky-siginfo,      reported-pid,         4",
            "signals-siginfo,  seeded-global-lookup,      reported-pid-reaches, 4",
            "ipc-msg,          seeded-raw-stored-pid,     reported-pid,         4",
            "ipc-sem,          seeded-raw-stored-pid,     reported-pid-reaches, 4",
            "ipc-sem,          seeded-undo-crosses-ipcns, undo-own-namespace,   3",
            "ipc-shm,          seeded-raw-stored-pid,     reported-pid,         3",
            "unix-creds,       seeded-raw-stored-pid,     reported-pid,         3",
            "userns-nproc,     seeded-stuck-nproc,        nproc-exact,          1",
            "userns-ids,       seeded-raw-uids,           uid-mapping,          4",
            "userns-ids,       seeded-overflow-uids,      uid-mapping,          3",
            // the benchmark models' own protocol bugs (FutexMutex.Bug)
            "futex-mutex-once,    seeded-xchg-takes-held,      mutual-exclusion, 3",
            "futex-mutex-forever, seeded-xchg-takes-held,      mutual-exclusion, 3",
            "futex-mutex-once,    seeded-wait-without-compare, no-lost-wakeup,   7",
            "futex-mutex-forever, seeded-wait-without-compare, no-lost-wakeup,   7",
            // credentials and capabilities: setuid(1000), then write(ns_last_pid) (K1)
            "caps-pid-choice,  seeded-ns-last-pid-nocap,  no-unprivileged-pid-choice, 2",
            // async I/O owners: F_GETOWN across a PID namespace, a plain SIGIO's si_pid (A2, A4)
            "async-io-owner,   seeded-fown-global,        reported-pid,         3",
            "async-io-owner,   seeded-sigio-writer-pid,   reported-pid,         3",
            // POSIX message queues: mq_notify's si_pid from a sender the registrant cannot see (Q3)
            "mqueue-notify,    seeded-mq-global-pid,      reported-pid,         6",
            // pidfds: pidfd_open, the process exits and is reaped, its number is taken again, the pidfd reaches the newcomer (D2)
            "pidfd-basic,      seeded-pidfd-by-number,    pidfd-stable,          5",
            // namespace files: a container's init opens its own PID namespace's file and asks for the parent (N7)
            "nsfs-files,       seeded-ns-parent-unchecked, ns-file-scope,        3",
            // namespace names: a container's init dies, its zombie still holds the namespace, the next namespace made gets its inode number (N1)
            "nsfs-names,       seeded-ns-inum-freed-early, ns-names-unique,      3",
            // rt_sigqueueinfo: an invisible sender's made-up si_pid kept (P10b)
            "signals-forged,   seeded-forged-pid-kept,    reported-pid,         4",
            // kernel threads of init_pid_ns: kill(-1, SIGKILL) reaches kthreadd and its thread
            "kthreads-host,    seeded-kthread-killable,   kernel-threads-live,        1",
            // sessions and wait status (issue 19): getsid's and waitid's clauses of reported-pid
            "sessions,         seeded-raw-stored-pid,     reported-pid,         2",
            "wait-status,      seeded-raw-waitid-pid,     reported-pid,         7",
            // /proc views: /proc/self through a child namespace's own proc, NSpid read from a child namespace through its parent's proc (V2, V3)
            "proc-views,       seeded-proc-self-global,   reported-pid,         3",
            "proc-views,       seeded-nspid-reader-level, reported-pid,         2",
            // job control: a stopped child reported by its global PID (J4)
            "job-control,      seeded-cldstop-global-pid, reported-pid,         7",
            // the kernel's SIGHUP to an orphaned group naming the exiting task instead of 0 (J5)
            "job-control,      seeded-orphan-signal-pid,  reported-pid,         6",
            // socket pairs: SO_PEERCRED read inside a child namespace by a child that inherited the pair (C4); uids over a pair (C3)
            "unix-creds,       seeded-peercred-frozen,    reported-pid,         3",
            "socket-uids,      seeded-raw-uids,           uid-mapping,          3",
            // handlers: an init's handler signalled from the parent namespace reads the sender's global PID, not 0 (P21)
            "signal-handlers,  seeded-handler-global-pid, reported-pid,         4",
    })
    void seededBugIsFoundOnAShortestTrace(String model, String variant, String invariant, int length) {
        ShortestViolation.assertShortest(model, variant, invariant, length);
    }

}
