package nscheck.spec.call;

/**
 * Who may choose PIDs, until the spec has user namespaces: the shallowest PID-namespace level
 * whose owning user namespace the caller holds CAP_CHECKPOINT_RESTORE / CAP_SYS_ADMIN in. Root
 * on the host holds them from level 0; the root of a container (owner of a user namespace made
 * with its PID namespace) from the container's level; an ordinary process nowhere.
 */
public final class Privilege {
    public static final int HOST_ROOT = 0;
    public static final int NONE = Integer.MAX_VALUE;

    private Privilege() {}

    static String describe(int capsFromLevel) {
        if (capsFromLevel == HOST_ROOT) return "";
        return capsFromLevel == NONE ? " [unprivileged]" : " [privileged from level " + capsFromLevel + "]";
    }
}
