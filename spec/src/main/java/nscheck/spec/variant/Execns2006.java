package nscheck.spec.variant;

/**
 * execns() (2006, not merged; H3): namespaces are unshared only as part of an exec, which
 * closes every file and drops the references a live unshare would have to carry (SysV undo
 * lists, per-user accounting). In the spec: unshare of a PID, IPC or user namespace fails
 * EINVAL (unshare(CLONE_SYSVSEM), no namespace, stays), and execns(flags) runs the exec-time
 * release of robust futexes and PI states (F5) and drops the undo list before the new
 * namespaces take effect.
 */
public final class Execns2006 extends Mainline {
    public static final Execns2006 INSTANCE = new Execns2006();

    @Override public String name() { return "execns"; }

    @Override public String summary() { return "2006 proposal: namespaces unshared only at exec, which drops files, undo and refs"; }

    @Override public boolean unshareOnlyAtExec() { return true; }
}
