package nscheck.spec.variant;

/**
 * The "new container" bit (2007, Drepper's suggestion in the debate before 2.6.24): a new PID
 * namespace always comes with new mount, IPC and user namespaces, so that no file, SysV object or
 * credential is shared across the PID boundary. The spec has PID namespaces and memory only:
 * memory mapped before the clone stays shared whatever namespaces come with it, so every answer
 * here is mainline's and the variant records the coupling for the models that will see it.
 */
public final class ContainerBit extends Mainline {
    public static final ContainerBit INSTANCE = new ContainerBit();

    @Override public String name() { return "container-bit"; }

    @Override public String summary() { return "2007 suggestion: CLONE_NEWPID always with new mount, IPC and user namespaces"; }

    @Override public boolean newPidNsIsContainer() { return true; }
}
