package nscheck.spec.rules;

import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.RobustList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * kernel/futex/syscalls.c: set_robust_list (F5). The kernel keeps only the head's address
 * (current->robust_list); the entries are user memory it reads at exit (exit_robust_list in
 * kernel/futex/core.c, {@link FutexCoreRules#exitRelease}), so the spec keeps what that walk
 * would read there: the words the list names, whether each is PI, and list_op_pending.
 */
final class FutexSyscallsRules {
    private FutexSyscallsRules() {}

    /**
     * set_robust_list(head, sizeof *head): replaces the calling thread's list (a new thread starts
     * with none: futex_init_task in copy_process) and returns 0. Nothing in the list is read until
     * the thread exits or execs.
     */
    static Outcome setRobustList(Kernel k, int actor, List<Integer> words, int pending, boolean pi) {
        RobustList list = new RobustList(words, new ArrayList<>(Collections.nCopies(words.size(), pi)), pending, pending >= 0 && pi);
        return new Outcome(k.withTask(actor, k.task(actor).withRobustList(list)), Observation.ZERO);
    }
}
