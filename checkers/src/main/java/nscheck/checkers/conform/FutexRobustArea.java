package nscheck.checkers.conform;

import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Robust futex lists and an owner's death (F5; kernel/futex/core.c exit_robust_list,
 * handle_futex_death), with PI futexes across PID namespaces (F3-F6): the futex-threads setup (a
 * root-namespace process with a thread, a namespace init and a task inside it with a thread) on two
 * shared words, T1 holding w0 through a robust PI entry. Each task registers a list naming the words as entries or as list_op_pending, PI or
 * not, takes the PI lock, sleeps in FUTEX_WAIT on what the word holds or on 0, and exits: the kernel
 * marks a dead owner's word FUTEX_OWNER_DIED only if it holds the owner's TID as the owner's
 * namespace numbers it, wakes one waiter of a non-PI entry with FUTEX_WAITERS set (EINVAL, no wake,
 * when a PI waiter is first), wakes one FUTEX_WAIT sleeper for a pending non-PI entry whose word is
 * 0, and hands PI locks on with exit_pi_state_list.
 */
final class FutexRobustArea {
    private FutexRobustArea() {}

    static final int WORDS = 2;

    static Area futexRobust() {
        List<Scenario.Step> setup = new ArrayList<>(Area.threadsInTwoNamespaces());
        // T1 holds w0 through a robust PI entry from the start: its death comes early in every walk
        setup.add(new Scenario.Step(1, new Syscall.SetRobustList(List.of(0), -1, true)));
        setup.add(new Scenario.Step(1, new Syscall.FutexLockPi(0)));
        return new Area("futex-robust", "robust lists (entries and list_op_pending, PI or not) and their owners' deaths, PI locks and FUTEX_WAIT sleepers on two words, across two PID namespaces",
                WORDS, setup, (k, slot) -> slot == Kernel.ROOT_INIT ? List.of() : calls(k));
    }

    private static List<Syscall> calls(Kernel k) {
        List<Syscall> out = new ArrayList<>();
        for (boolean pi : new boolean[] {false, true}) {
            out.add(new Syscall.SetRobustList(List.of(0), -1, pi));
            out.add(new Syscall.SetRobustList(List.of(1), -1, pi));
            out.add(new Syscall.SetRobustList(List.of(0, 1), -1, pi));
            out.add(new Syscall.SetRobustList(List.of(), 0, pi));
            out.add(new Syscall.SetRobustList(List.of(1), 0, pi));
        }
        for (int w = 0; w < WORDS; w++) {
            out.add(new Syscall.FutexLockPi(w));
            out.add(new Syscall.FutexLockPi(w));
            out.add(new Syscall.FutexUnlockPi(w));
            out.add(new Syscall.FutexWait(w, k.memory().word(w)));
            if (k.memory().word(w) != 0) out.add(new Syscall.FutexWait(w, 0));
            out.add(new Syscall.FutexWake(w, 1));
        }
        // deaths are what the area is about: weighted so that random walks end owners often
        for (int i = 0; i < 4; i++) out.add(new Syscall.Exit(0));
        out.add(new Syscall.GetTid());
        return out;
    }
}
