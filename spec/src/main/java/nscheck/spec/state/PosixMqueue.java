package nscheck.spec.state;

/**
 * The IPC namespace's one POSIX message queue (ipc/mqueue.c, struct mqueue_inode_info; Q1-Q3):
 * how many messages it holds and its notification registration. The registrant is a counted
 * struct pid reference (notify_owner = get_pid(task_tgid(current))) with the user namespace it
 * had then (notify_user_ns); SIGEV_SIGNAL with SIGUSR1 is the only notification the model makes.
 *
 * @param owner       notify_owner, null while nobody is registered
 * @param ownerUserNs notify_user_ns: si_uid is first written in it (Q3)
 */
public record PosixMqueue(int messages, PidRef owner, int ownerUserNs) {
    /** mq_attr.mq_maxmsg the probe opens the queue with: a send beyond it is EAGAIN (O_NONBLOCK). */
    public static final int MAXMSG = 10;

    public static final PosixMqueue EMPTY = new PosixMqueue(0, null, -1);

    public PosixMqueue withMessages(int n) {
        return new PosixMqueue(n, owner, ownerUserNs);
    }

    public PosixMqueue registered(PidRef tgid, int userNs) {
        return new PosixMqueue(messages, tgid, userNs);
    }

    /** remove_notification: after a notification fires, on mq_notify(NULL) by the owner, or when the owner closes the queue. */
    public PosixMqueue unregistered() {
        return new PosixMqueue(messages, null, -1);
    }

    void hashInto(StateHasher h) {
        h.add(-29);
        h.add(messages);
        PidRef.hash(h, owner);
        h.add(ownerUserNs);
    }
}
