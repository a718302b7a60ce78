package nscheck.checkers.conform;

import java.util.List;

/**
 * What one probe process reported for a batch of scenarios.
 *
 * @param runs     one per scenario given, in order; those from {@code finished} on are partial or empty
 * @param finished how many scenarios, from the first, the probe finished
 * @param failure  null if the probe ended normally or was stopped on request; else why it died
 *                 (exit status, signal, watchdog), said about scenario {@code finished}
 */
record ProbeBatch(List<KernelRun> runs, int finished, String failure) {
    boolean complete() {
        return finished == runs.size() && failure == null;
    }
}
