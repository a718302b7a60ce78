package nscheck.checkers.report;

import nscheck.spec.state.Kernel;
import nscheck.spec.state.Task;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the tasks of a model state for a chart. Every kernel-based model's state is, or holds, a
 * spec {@link Kernel} (a futex model's threads and a restore model's target host are tasks of one);
 * states without one (packed models) have no view, and their charts show actors only.
 */
public final class StateView {
    private StateView() {}

    /** The tasks of {@code state} in slot order, or null if the state holds no kernel. */
    public static List<TaskView> of(Object state) {
        Kernel k = kernelOf(state);
        return k == null ? null : tasks(k);
    }

    public static List<TaskView> tasks(Kernel k) {
        List<TaskView> out = new ArrayList<>();
        for (int slot : k.taskSlotList()) {
            Task t = k.task(slot);
            int levels = t.level() + 1;
            String[] ns = new String[levels];
            int[] nr = new int[levels];
            // A namespace is keyed by its slots from the root down: a slot alone could be reused
            // by a namespace with another parent.
            StringBuilder path = new StringBuilder();
            for (int l = 0; l < levels; l++) {
                path.append(l == 0 ? "" : "/").append(t.nsAtLevel(l));
                ns[l] = path.toString();
                nr[l] = t.numberAtLevel(l);
            }
            out.add(new TaskView(slot, ns, nr, t.state.name().toLowerCase(Locale.ROOT), t.leader));
        }
        return out;
    }

    /** The kernel in a state: the state itself, or what one of its accessors returns (FutexState.kernel, RestoreState.target). */
    static Kernel kernelOf(Object state) {
        if (state instanceof Kernel k) return k;
        if (state == null) return null;
        for (Method m : state.getClass().getDeclaredMethods()) {
            if (m.getParameterCount() != 0 || m.getReturnType() != Kernel.class || Modifier.isStatic(m.getModifiers())) continue;
            try {
                m.setAccessible(true);
                return (Kernel) m.invoke(state);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
