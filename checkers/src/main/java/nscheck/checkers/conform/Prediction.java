package nscheck.checkers.conform;

import java.util.List;
import java.util.Map;

/**
 * What the spec predicts for a scenario, step by step, in the form the probe reports: the
 * caller's result as strace prints it, the shared futex words afterwards, and at the end the
 * NSpid line of every task that still has a PID.
 *
 * @param steps    one per scenario step
 * @param snapshot task slot to NSpid (outermost first, from the scenario's root namespace down)
 */
record Prediction(List<StepPrediction> steps, Map<Integer, String> snapshot) {
    /**
     * @param result what the caller sees ({@code = 3}, {@code = -1 ESRCH}, {@code = ?}, {@code <unfinished ...>})
     * @param words  the futex words after the step, as the probe prints them; null where they cannot be compared
     * @param hint   how the probe waits: r returns, b blocks, n never returns, z dies, x dies into zap_pid_ns_processes
     * @param child  the actor a clone's child becomes
     * @param stopped the actors stopped after the step ("1,3", "-" for none) where job control is in play, else null:
     *                the probe waits for the stops and continues to take effect (J1, J2)
     * @param deaths  the tasks the step ends, by anyone's doing, as "3z,5r" (z: now a zombie, r: released,
     *                its PIDs freed), empty for none: the probe waits until the kernel has done as much
     *                (a death the kernel finishes in the dying task's own time, after the step's call returned:
     *                an autoreap, an init's zap_pid_ns_processes)
     */
    record StepPrediction(String result, String words, char hint, int child, String stopped, String deaths) {
        StepPrediction(String result, String words, char hint, int child) {
            this(result, words, hint, child, null, "");
        }
    }
}
