package nscheck.checkers.conform;

import java.util.List;
import java.util.Map;

/**
 * What the probe saw for one scenario: one result per step it ran (it stops after the first
 * result that differs from the prediction), the futex words after each, and the NSpid lines at
 * the end; and the namespaces each actor started in ("user:INO pid:INO mnt:INO ipc:INO", inode
 * numbers of /proc/TID/ns/* in the host's proc), which the probe has checked are not the host's.
 */
record KernelRun(List<String> results, List<String> words, Map<Integer, String> snapshot, Map<Integer, String> namespaces) {}
