package nscheck.spec.call;

/** The clone(2)/unshare(2) flag bits the spec interprets (include/uapi/linux/sched.h). */
public final class CloneFlags {
    public static final int CLONE_PARENT = 0x00008000;
    public static final int CLONE_THREAD = 0x00010000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_SYSVSEM = 0x00040000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;

    private CloneFlags() {}

    public static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }

    public static String describe(int flags) {
        if (flags == 0) return "0";
        StringBuilder s = new StringBuilder();
        if (has(flags, CLONE_PARENT)) s.append("|CLONE_PARENT");
        if (has(flags, CLONE_THREAD)) s.append("|CLONE_THREAD");
        if (has(flags, CLONE_NEWPID)) s.append("|CLONE_NEWPID");
        if (has(flags, CLONE_SYSVSEM)) s.append("|CLONE_SYSVSEM");
        if (has(flags, CLONE_NEWIPC)) s.append("|CLONE_NEWIPC");
        if (has(flags, CLONE_NEWUSER)) s.append("|CLONE_NEWUSER");
        return s.substring(1);
    }

    public static int parse(String text) {
        int flags = 0;
        for (String part : text.split("\\|")) {
            flags |= switch (part.trim()) {
                case "0", "" -> 0;
                case "CLONE_PARENT" -> CLONE_PARENT;
                case "CLONE_THREAD" -> CLONE_THREAD;
                case "CLONE_NEWPID" -> CLONE_NEWPID;
                case "CLONE_SYSVSEM" -> CLONE_SYSVSEM;
                case "CLONE_NEWIPC" -> CLONE_NEWIPC;
                case "CLONE_NEWUSER" -> CLONE_NEWUSER;
                default -> throw new IllegalArgumentException("unknown clone flag: " + part);
            };
        }
        return flags;
    }
}
