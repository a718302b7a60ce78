package nscheck.spec.rules;

import nscheck.spec.call.Observation;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.PidRef;
import nscheck.spec.variant.Variant;

/**
 * kernel/pid.c: a stored struct pid reference read back as a number. Allocation (alloc_pid) and
 * the translation of a task's own number (pid_nr_ns, find_pid_ns) are the variant's answers.
 */
final class PidRules {
    private PidRules() {}

    /**
     * pid_vnr of a struct pid reference an object keeps (msg_lspid, sempid, shm_cpid, an SCM or
     * peer pid): the caller's number for it, 0 if it cannot see it, and still the old number after
     * the task is reaped (I1, I3, C3, C4).
     */
    static Observation pidVnr(Variant v, Kernel k, int actor, PidRef ref) {
        int value = v.pidVnr(k, ref, k.task(actor).activeNs());
        int about = ref == null ? -1 : ref.holder(k);
        return Observation.pid(value, about < 0 ? Observation.NOBODY : about);
    }
}
