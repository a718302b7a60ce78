package nscheck.spec.call;

/**
 * Whether a call makes a new task (copy_process in kernel/fork.c): clone, clone3 and the
 * clone_with_pids proposal. A scenario names the child of such a step; no other step has one.
 */
public final class CreatesTask extends PartialSyscallTable<Boolean> {
    private static final CreatesTask TABLE = new CreatesTask();

    private CreatesTask() {}

    public static boolean of(Syscall call) {
        return call.accept(TABLE);
    }

    @Override protected Boolean otherwise(Syscall call) { return false; }
    @Override public Boolean clone(Syscall.Clone call) { return true; }
    @Override public Boolean clone3(Syscall.Clone3 call) { return true; }
    @Override public Boolean cloneWithPids(Syscall.CloneWithPids call) { return true; }
}
