package nscheck.checkers.conform;

import java.util.List;
import java.util.Map;

/**
 * What the probe saw for one scenario: one result per step it ran (it stops after the first
 * result that differs from the prediction), the futex words after each, and the NSpid lines at
 * the end.
 */
record KernelRun(List<String> results, List<String> words, Map<Integer, String> snapshot) {}
