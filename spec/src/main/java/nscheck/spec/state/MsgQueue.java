package nscheck.spec.state;

/**
 * A SysV message queue (struct msg_queue, ipc/msg.c): the model's one queue per IPC namespace,
 * with its message count and the struct pid references msgsnd and msgrcv leave (I1, I2).
 * The queue holds at most {@link #MSGMNB} messages (scaled down from 16384 bytes).
 */
public record MsgQueue(int messages, PidRef lspid, PidRef lrpid) {
    public static final int MSGMNB = 1;
    public static final MsgQueue EMPTY = new MsgQueue(0, null, null);

    void hashInto(StateHasher h) {
        h.add(messages);
        PidRef.hash(h, lspid);
        PidRef.hash(h, lrpid);
    }
}
