package nscheck.spec.call;

import java.util.ArrayList;
import java.util.List;

/** Every call record: Syscall's permitted types, with the sealed groups among them (such as {@link Syscall.FdCall}) opened up. */
public final class CallTypes {
    private CallTypes() {}

    public static List<Class<?>> all() {
        List<Class<?>> out = new ArrayList<>();
        add(Syscall.class, out);
        return List.copyOf(out);
    }

    private static void add(Class<?> type, List<Class<?>> out) {
        for (Class<?> c : type.getPermittedSubclasses()) {
            if (c.isSealed()) add(c, out);
            else out.add(c);
        }
    }
}
