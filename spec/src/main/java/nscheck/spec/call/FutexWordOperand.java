package nscheck.spec.call;

/**
 * The futex word a call operates on (futex(2)'s uaddr, as the index of a model's shared word), or
 * -1 for a call that names none. One table, so that a menu filter and a scenario's word count ask
 * the same question instead of each testing the futex call types.
 */
public final class FutexWordOperand extends PartialSyscallTable<Integer> {
    private static final FutexWordOperand TABLE = new FutexWordOperand();

    private FutexWordOperand() {}

    public static int of(Syscall call) {
        return call.accept(TABLE);
    }

    @Override protected Integer otherwise(Syscall call) { return -1; }
    @Override public Integer futexWait(Syscall.FutexWait call) { return call.word(); }
    @Override public Integer futexWake(Syscall.FutexWake call) { return call.word(); }
    @Override public Integer futexLockPi(Syscall.FutexLockPi call) { return call.word(); }
    @Override public Integer futexTrylockPi(Syscall.FutexTrylockPi call) { return call.word(); }
    @Override public Integer futexUnlockPi(Syscall.FutexUnlockPi call) { return call.word(); }
    /** The highest word the list names: a scenario's word count must reach it. */
    @Override public Integer setRobustList(Syscall.SetRobustList call) {
        int max = call.pending();
        for (int w : call.words()) max = Math.max(max, w);
        return max;
    }
}
