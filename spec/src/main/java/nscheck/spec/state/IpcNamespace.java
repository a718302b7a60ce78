package nscheck.spec.state;

/**
 * One IPC namespace (struct ipc_namespace, I5): its own ids and objects. The model gives each
 * namespace at most one message queue, one semaphore set and one shm segment, each created on
 * first use; null while not created. Objects die with the namespace (free_ipcs).
 *
 * @param userNs the owning user namespace (CLONE_NEWIPC needs CAP_SYS_ADMIN there, I5)
 * @param mq     the namespace's one POSIX message queue in its internal mqueue mount (ns->mq_mnt, Q1), null until mq_open creates it
 */
public record IpcNamespace(int userNs, MsgQueue msg, SemaphoreSet sem, SharedMemorySegment shm, PosixMqueue mq) {
    public static final int INIT = 0;
    public static final IpcNamespace INIT_IPC_NS = new IpcNamespace(UserNamespace.INIT, null, null, null, null);

    /** A new namespace owned by {@code userNs}, with no objects. */
    public static IpcNamespace empty(int userNs) {
        return new IpcNamespace(userNs, null, null, null, null);
    }

    public IpcNamespace withMsg(MsgQueue q) {
        return new IpcNamespace(userNs, q, sem, shm, mq);
    }

    public IpcNamespace withSem(SemaphoreSet s) {
        return new IpcNamespace(userNs, msg, s, shm, mq);
    }

    public IpcNamespace withShm(SharedMemorySegment s) {
        return new IpcNamespace(userNs, msg, sem, s, mq);
    }

    public IpcNamespace withMq(PosixMqueue q) {
        return new IpcNamespace(userNs, msg, sem, shm, q);
    }

    /** The user namespaces this one holds a reference to: its owner, and its queue's registrant's. */
    int[] pinnedUserNs() {
        return mq != null && mq.owner() != null ? new int[] {userNs, mq.ownerUserNs()} : new int[] {userNs};
    }

    void hashInto(StateHasher h) {
        h.add(userNs);
        if (msg == null) h.add(-5); else msg.hashInto(h);
        if (sem == null) h.add(-5); else sem.hashInto(h);
        if (shm == null) h.add(-5); else shm.hashInto(h);
        if (mq != null) mq.hashInto(h);
    }
}
