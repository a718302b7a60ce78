package nscheck.model.kernel;

import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Kthreads;
import nscheck.spec.state.Task;

import java.util.List;

/**
 * Invariants about the kernel threads of init_pid_ns ({@link Kthreads}): they are no task of
 * the model, so only a rule that names one by number can touch them. The seeded bug
 * seeded-kthread-killable violates kernel-threads-live.
 */
public final class KthreadInvariants {
    public static final String KERNEL_THREADS_LIVE = "kernel-threads-live";

    private KthreadInvariants() {}

    public static List<Property<Kernel, KernelStep>> all(Semantics s) {
        return List.of(kernelThreadsLive());
    }

    /**
     * sig_task_ignored (kernel/signal.c) and wait_consider_task (kernel/exit.c): no user task's
     * signal ends a kernel thread, no user task reaps one, so each keeps its number for good and
     * alloc_pid never hands that number to a task.
     */
    static Property<Kernel, KernelStep> kernelThreadsLive() {
        return new Property.Always<>(KERNEL_THREADS_LIVE,
                "a kernel thread never dies, becomes a zombie or is reaped by a user task: it keeps its root-namespace number, which no task holds", k -> {
            Kthreads kt = k.kthreads();
            if (kt.count() == 0) return Verdict.VACUOUS;
            if (kt.deadCount() > 0) return Verdict.VIOLATED;
            for (int i = 0; i < k.taskSlots(); i++) {
                Task t = k.task(i);
                if (t != null && kt.holds(t.numberAtLevel(0))) return Verdict.VIOLATED;
            }
            return Verdict.HOLDS;
        });
    }
}
