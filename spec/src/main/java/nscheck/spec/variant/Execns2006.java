package nscheck.spec.variant;

/**
 * execns() (2006, not merged; H3): namespaces are unshared only as part of an exec, which
 * closes every file and drops the references a live unshare would have to carry (SysV undo
 * lists, per-user accounting). In the spec: unshare(CLONE_NEWPID) fails EINVAL, and
 * execns(CLONE_NEWPID) runs the exec-time release of robust futexes and PI states (F5) before
 * the new namespace takes effect.
 */
public final class Execns2006 extends Mainline {
    public static final Execns2006 INSTANCE = new Execns2006();

    @Override public String name() { return "execns"; }

    @Override public String summary() { return "2006 proposal: namespaces unshared only at exec, which drops files, undo and refs"; }

    @Override public boolean unshareOnlyAtExec() { return true; }
}
