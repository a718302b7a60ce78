package nscheck.spec.call;

/**
 * Who may choose PIDs, as a level: the shallowest PID-namespace level whose owning user
 * namespace a task's credentials hold CAP_CHECKPOINT_RESTORE (or CAP_SYS_ADMIN) in, derived
 * from the credentials by rules/CapabilityRules (K1). Root on the host holds them from level 0;
 * the root of a container (owner of a user namespace made with its PID namespace) from the
 * container's level; an ordinary process nowhere.
 */
public final class Privilege {
    public static final int HOST_ROOT = 0;
    public static final int NONE = Integer.MAX_VALUE;

    private Privilege() {}
}
