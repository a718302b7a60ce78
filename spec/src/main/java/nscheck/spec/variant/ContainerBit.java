package nscheck.spec.variant;

import nscheck.spec.call.CloneFlags;

/**
 * The "new container" bit (2007, Drepper's suggestion in the debate before 2.6.24): a new PID
 * namespace always comes with new mount, IPC and user namespaces, so that no file, SysV object or
 * credential is shared across the PID boundary. In the spec clone(CLONE_NEWPID) and
 * unshare(CLONE_NEWPID) also make a new IPC namespace and a new user namespace (the spec has no
 * mount namespaces): the child's SysV objects are its own, its creator is root in a user
 * namespace that maps nobody yet, and the new PID namespace is owned by that user namespace, so
 * a container's root may choose PIDs inside it (K1). Memory mapped before the clone stays shared
 * whatever namespaces come with it (the futex models answer as mainline).
 */
public final class ContainerBit extends Mainline {
    public static final ContainerBit INSTANCE = new ContainerBit();

    @Override public String name() { return "container-bit"; }

    @Override public String summary() { return "2007 suggestion: CLONE_NEWPID always with new mount, IPC and user namespaces"; }

    @Override public int cloneFlags(int flags) {
        return CloneFlags.has(flags, CloneFlags.CLONE_NEWPID) ? flags | CloneFlags.CLONE_NEWIPC | CloneFlags.CLONE_NEWUSER : flags;
    }
}
