package nscheck.checkers.report;

/**
 * One task as a chart draws it at one step: its struct pid (one namespace and number per level,
 * outermost first, as /proc/PID/status prints NSpid) and whether it still runs.
 *
 * @param slot       the spec's task slot, which names the task (T3)
 * @param namespaces the PID namespace at each level, root first, as stable keys for the chart
 * @param numbers    its number at each level, root first
 * @param state      running, exiting or zombie
 * @param leader     the slot of its thread-group leader, or -1 for a leader
 */
public record TaskView(int slot, String[] namespaces, int[] numbers, String state, int leader) {
    public String name() {
        return "T" + slot;
    }

    /** The NSpid line: the numbers outermost first, separated by spaces. */
    public String nsPid() {
        StringBuilder b = new StringBuilder();
        for (int n : numbers) b.append(b.length() == 0 ? "" : " ").append(n);
        return b.toString();
    }

    /** The namespace the task's own getpid() answers in (task_active_pid_ns). */
    public String activeNamespace() {
        return namespaces[namespaces.length - 1];
    }

    public boolean running() {
        return "running".equals(state);
    }
}
