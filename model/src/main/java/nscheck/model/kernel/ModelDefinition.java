package nscheck.model.kernel;

import java.util.List;
import java.util.Map;

/**
 * A kernel model as a JSON file ({@code model/models/*.json}, or any file a user writes):
 * which calls the tasks may make, under which bounds and variant, and which invariants must hold.
 * Field names are snake_case in the file; see model/README.md for the format.
 *
 * @param format      must be {@value #FORMAT}
 * @param bounds      tasks, depth, pid_max, steps, initial_tasks
 * @param calls       call families every task but the root init may make
 * @param initCalls   call families of the root init (it never exits: that would panic the kernel)
 */
public record ModelDefinition(String format, String name, String description, String variant,
                              Map<String, Integer> bounds, List<String> calls, List<String> initCalls,
                              List<String> invariants) {
    public static final String FORMAT = "nscheck-model/1";
}
