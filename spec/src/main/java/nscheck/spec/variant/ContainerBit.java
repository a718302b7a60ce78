package nscheck.spec.variant;

/**
 * The "new container" bit (2007, Drepper's suggestion in the debate before 2.6.24): a new PID
 * namespace always comes with new mount, IPC and user namespaces, so that no file, SysV object or
 * credential is shared across the PID boundary. In the spec every answer is mainline's, and the
 * variant is mainline under another name: memory mapped before the clone stays shared whatever
 * namespaces come with it (the futex models), the spec has no mount namespaces, and clone does
 * not create user namespaces (only unshare(CLONE_NEWUSER) does), so the coupling has nothing to
 * act on yet. It stays a column of the compare matrix so that the matrix says so.
 */
public final class ContainerBit extends Mainline {
    public static final ContainerBit INSTANCE = new ContainerBit();

    @Override public String name() { return "container-bit"; }

    @Override public String summary() { return "2007 suggestion: CLONE_NEWPID always with new mount, IPC and user namespaces"; }
}
