package nscheck.spec;

/**
 * The calls an actor can make, as values. Arguments are what user space passes: PIDs are numbers
 * in the caller's active PID namespace, never kernel identities. {@link #family()} names the call
 * for coverage reports and model menus.
 */
public sealed interface Syscall {
    String family();

    /** clone(2) with the given flags (CLONE_NEWPID, CLONE_PARENT); the caller sees the child's PID. */
    record Clone(int flags) implements Syscall {
        public String family() {
            return CloneFlags.has(flags, CloneFlags.CLONE_THREAD) ? "clone-thread"
                    : CloneFlags.has(flags, CloneFlags.CLONE_NEWPID) ? "clone-newpid"
                    : CloneFlags.has(flags, CloneFlags.CLONE_PARENT) ? "clone-parent" : "clone";
        }

        @Override public String toString() { return "clone(" + CloneFlags.describe(flags) + ")"; }
    }

    /** unshare(2): with CLONE_NEWPID only later children enter the new namespace (P12). */
    record Unshare(int flags) implements Syscall {
        public String family() { return "unshare-newpid"; }

        @Override public String toString() { return "unshare(" + CloneFlags.describe(flags) + ")"; }
    }

    /** setns(pidfd_open(pid), CLONE_NEWPID): enter, for later children, the PID namespace of {@code pid} (P13). */
    record Setns(int pid) implements Syscall {
        public String family() { return "setns"; }

        @Override public String toString() { return "setns(pidfd(" + pid + "), CLONE_NEWPID)"; }
    }

    /** _exit(2). */
    record Exit(int status) implements Syscall {
        public String family() { return "exit"; }

        @Override public String toString() { return "exit(" + status + ")"; }
    }

    /** waitpid(pid, &status, 0): pid -1 for any child; blocks while no matching child is a zombie. */
    record Wait(int pid) implements Syscall {
        public String family() { return pid == -1 ? "wait" : "waitpid"; }

        @Override public String toString() { return "waitpid(" + pid + ")"; }
    }

    record GetPid() implements Syscall {
        public String family() { return "getpid"; }

        @Override public String toString() { return "getpid()"; }
    }

    record GetPpid() implements Syscall {
        public String family() { return "getppid"; }

        @Override public String toString() { return "getppid()"; }
    }

    /** kill(2): pid > 0 one process, -1 every process the caller may signal (P11). */
    record Kill(int pid, int sig) implements Syscall {
        public String family() { return sig == 0 ? "kill-probe" : sig == Signals.SIGTERM ? "kill-term" : "kill"; }

        @Override public String toString() { return "kill(" + pid + ", " + Signals.name(sig) + ")"; }
    }

    /** Read /proc/sys/kernel/ns_last_pid of the caller's active namespace (P4). */
    record ReadNsLastPid() implements Syscall {
        public String family() { return "ns-last-pid-read"; }

        @Override public String toString() { return "read(ns_last_pid)"; }
    }

    /** Write /proc/sys/kernel/ns_last_pid: the next allocation in the caller's namespace searches from value+1 (P4). */
    record WriteNsLastPid(int value) implements Syscall {
        public String family() { return "ns-last-pid-write"; }

        @Override public String toString() { return "write(ns_last_pid, " + value + ")"; }
    }

    /** prctl(PR_SET_CHILD_SUBREAPER, 1) (P7). */
    record SetChildSubreaper() implements Syscall {
        public String family() { return "subreaper"; }

        @Override public String toString() { return "prctl(PR_SET_CHILD_SUBREAPER, 1)"; }
    }

    /**
     * Not a call: the kernel acting on a pending fatal signal when the task next returns to user
     * space (get_signal -> do_group_exit). Delivery is a step of its own because a kill(2) and the
     * death it causes are not atomic: other tasks run in between and can observe the gap.
     */
    record SignalDelivery() implements Syscall {
        public String family() { return "signal-delivery"; }

        @Override public String toString() { return "<fatal signal delivered>"; }
    }

    /** gettid(2): the calling thread's own number in its active namespace. */
    record GetTid() implements Syscall {
        public String family() { return "gettid"; }

        @Override public String toString() { return "gettid()"; }
    }

    /** futex(&words[word], FUTEX_WAIT, expected): sleep while the word holds {@code expected} (F1). */
    record FutexWait(int word, int expected) implements Syscall {
        public String family() { return "futex-wait"; }

        @Override public String toString() { return "futex(w" + word + ", FUTEX_WAIT, " + expected + ")"; }
    }

    /** futex(&words[word], FUTEX_WAKE, count) (F2). */
    record FutexWake(int word, int count) implements Syscall {
        public String family() { return "futex-wake"; }

        @Override public String toString() { return "futex(w" + word + ", FUTEX_WAKE, " + count + ")"; }
    }

    /** futex(&words[word], FUTEX_LOCK_PI) (F3). */
    record FutexLockPi(int word) implements Syscall {
        public String family() { return "futex-lock-pi"; }

        @Override public String toString() { return "futex(w" + word + ", FUTEX_LOCK_PI)"; }
    }

    /** futex(&words[word], FUTEX_TRYLOCK_PI) (F3, never sleeps). */
    record FutexTrylockPi(int word) implements Syscall {
        public String family() { return "futex-trylock-pi"; }

        @Override public String toString() { return "futex(w" + word + ", FUTEX_TRYLOCK_PI)"; }
    }

    /** futex(&words[word], FUTEX_UNLOCK_PI) (F4). */
    record FutexUnlockPi(int word) implements Syscall {
        public String family() { return "futex-unlock-pi"; }

        @Override public String toString() { return "futex(w" + word + ", FUTEX_UNLOCK_PI)"; }
    }

    /**
     * Not a call: a task the kernel has woken (FUTEX_WAKE, a PI hand-off, an owner's death) runs
     * again and returns from the futex call it slept in. Separate from the wake-up because the
     * waker and the woken do not run atomically: other tasks run in between.
     */
    record FutexReturn() implements Syscall {
        public String family() { return "futex-return"; }

        @Override public String toString() { return "<futex call returns>"; }
    }

    /**
     * clone3 with set_tid (S1-S3): {@code setTid.get(0)} is the innermost level, later entries go
     * outward. The spec has no user namespaces yet, so the caller's privilege is an argument:
     * {@code capsFromLevel} is the shallowest PID-namespace level whose owning user namespace
     * the caller holds CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in (0: root on the host;
     * Integer.MAX_VALUE: none).
     */
    record Clone3(int flags, java.util.List<Integer> setTid, int capsFromLevel) implements Syscall {
        public Clone3 {
            setTid = java.util.List.copyOf(setTid);
        }

        public String family() { return "clone3-set-tid"; }

        @Override public String toString() {
            return "clone3(" + CloneFlags.describe(flags) + ", set_tid=" + setTid + ")" + Privilege.describe(capsFromLevel);
        }
    }

    /**
     * clone_with_pids (2009, not merged; H4): {@code pids.get(0)} is init_pid_ns, later entries go
     * inward, 0 allocates. Privilege as in {@link Clone3}.
     */
    record CloneWithPids(int flags, java.util.List<Integer> pids, int capsFromLevel) implements Syscall {
        public CloneWithPids {
            pids = java.util.List.copyOf(pids);
        }

        public String family() { return "clone-with-pids"; }

        @Override public String toString() {
            return "clone_with_pids(" + CloneFlags.describe(flags) + ", pids=" + pids + ")" + Privilege.describe(capsFromLevel);
        }
    }

    /** execns (2006, not merged; H3): execve that also unshares the namespaces in {@code flags}. */
    record Execns(int flags) implements Syscall {
        public String family() { return "execns"; }

        @Override public String toString() { return "execns(" + CloneFlags.describe(flags) + ")"; }
    }
}
