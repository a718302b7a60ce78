package nscheck.spec.state;

/**
 * One IPC namespace (struct ipc_namespace, I5): its own ids and objects. The model gives each
 * namespace at most one message queue, one semaphore set and one shm segment, each created on
 * first use; null while not created. Objects die with the namespace (free_ipcs).
 *
 * @param userNs the owning user namespace (CLONE_NEWIPC needs CAP_SYS_ADMIN there, I5)
 */
public record IpcNamespace(int userNs, MsgQueue msg, SemaphoreSet sem, SharedMemorySegment shm) {
    public static final int INIT = 0;
    public static final IpcNamespace INIT_IPC_NS = new IpcNamespace(UserNamespace.INIT, null, null, null);

    public IpcNamespace withMsg(MsgQueue q) {
        return new IpcNamespace(userNs, q, sem, shm);
    }

    public IpcNamespace withSem(SemaphoreSet s) {
        return new IpcNamespace(userNs, msg, s, shm);
    }

    public IpcNamespace withShm(SharedMemorySegment s) {
        return new IpcNamespace(userNs, msg, sem, s);
    }

    void hashInto(StateHasher h) {
        h.add(userNs);
        if (msg == null) h.add(-5); else msg.hashInto(h);
        if (sem == null) h.add(-5); else sem.hashInto(h);
        if (shm == null) h.add(-5); else shm.hashInto(h);
    }
}
