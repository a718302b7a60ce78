package nscheck.spec.call;

import java.util.List;

/**
 * The si_code values a caller may write into a siginfo it hands to rt_sigqueueinfo
 * (include/uapi/asm-generic/siginfo.h): SI_USER as kill() makes it, and the negative codes
 * user space may claim. do_rt_sigqueueinfo lets a caller send anything but these negative ones
 * only to itself.
 */
public final class SiCode {
    public static final int SI_USER = 0;
    public static final int SI_QUEUE = -1;
    public static final int SI_MESGQ = -3;
    public static final int SI_TKILL = -6;

    /** The codes the spec's calls and menus use, in the order files name them. */
    public static final List<Integer> ALL = List.of(SI_USER, SI_QUEUE, SI_MESGQ, SI_TKILL);

    private SiCode() {}

    public static String name(int code) {
        return switch (code) {
            case SI_USER -> "SI_USER";
            case SI_QUEUE -> "SI_QUEUE";
            case SI_MESGQ -> "SI_MESGQ";
            case SI_TKILL -> "SI_TKILL";
            default -> String.valueOf(code);
        };
    }

    public static int parse(String name) {
        for (int c : ALL) if (name(c).equals(name)) return c;
        throw new IllegalArgumentException("unknown si_code: " + name);
    }

    /** do_rt_sigqueueinfo: a code the kernel or kill() makes, which only the caller itself may be sent. */
    public static boolean onlyToSelf(int code) {
        return code >= 0 || code == SI_TKILL;
    }
}
