package nscheck.spec.state;

/**
 * A SysV shared memory segment (struct shmid_kernel, ipc/shm.c): shm_cpid set by the creating
 * shmget, shm_lpid by every shmat and shmdt (I2), both struct pid references (I1).
 */
public record SharedMemorySegment(PidRef cpid, PidRef lpid) {
    void hashInto(StateHasher h) {
        PidRef.hash(h, cpid);
        PidRef.hash(h, lpid);
    }
}
