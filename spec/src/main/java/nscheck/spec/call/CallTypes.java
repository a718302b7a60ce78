package nscheck.spec.call;

import java.util.ArrayList;
import java.util.List;

/**
 * Every call type: the records {@link Syscall} permits, and those of the sealed groups it permits
 * whose records live in files of their own ({@link Syscall.AsyncIo}, {@link Syscall.Mqueue}, {@link Syscall.Proc}), so that coverage checks see
 * a grouped call as they see any other.
 */
public final class CallTypes {
    private CallTypes() {}

    public static List<Class<?>> all() {
        List<Class<?>> out = new ArrayList<>();
        add(Syscall.class, out);
        return List.copyOf(out);
    }

    private static void add(Class<?> sealed, List<Class<?>> out) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) add(c, out);
            else out.add(c);
        }
    }
}
