package nscheck.spec.state;

/**
 * A SysV semaphore set of one semaphore (struct sem_array, ipc/sem.c): its value and sempid, the
 * struct pid of the last task to change it (semop, SETVAL, exit-time undo: I2, I8). Values are
 * bounded by {@link #SEMVMX} (scaled down from 32767: semop beyond it is ERANGE).
 * The model's one set per namespace always has id 0, the id a fresh namespace gives first.
 */
public record SemaphoreSet(int value, PidRef sempid) {
    public static final int SEMID = 0;
    public static final int SEMVMX = 2;
    public static final SemaphoreSet FRESH = new SemaphoreSet(0, null);

    void hashInto(StateHasher h) {
        h.add(value);
        PidRef.hash(h, sempid);
    }
}
