package nscheck.spec.call;

/**
 * POSIX message queues (ipc/mqueue.c) on the model's one queue name, "/nsq", which mq_open and
 * the other calls resolve in the caller's IPC namespace (its internal mqueue mount). Opened
 * O_RDWR|O_NONBLOCK with mode 0666 (umask 0), so sends and receives never sleep and every user
 * may open it; a process keeps the queue open from its first call on it until it exits
 * (closing it would drop its own registration: mqueue_flush_file). Q1-Q3 in docs/semantics.md.
 */
public final class MqueueCall {
    private MqueueCall() {}

    /** mq_open("/nsq", O_CREAT|O_RDWR|O_NONBLOCK, 0666): creates the queue in the caller's IPC namespace if it has none (Q1). */
    public record Open() implements Syscall.Mqueue {
        public <R> R accept(SyscallTable<R> table) { return table.mqOpen(this); }
        @Override public String toString() { return "mq_open(\"/nsq\", O_CREAT)"; }
    }

    /** mq_send: EAGAIN when full; the first message into an empty queue fires its notification (Q3). */
    public record Send() implements Syscall.Mqueue {
        public <R> R accept(SyscallTable<R> table) { return table.mqSend(this); }
        @Override public String toString() { return "mq_send(\"/nsq\")"; }
    }

    /** mq_receive: EAGAIN when empty (Q1). */
    public record Receive() implements Syscall.Mqueue {
        public <R> R accept(SyscallTable<R> table) { return table.mqReceive(this); }
        @Override public String toString() { return "mq_receive(\"/nsq\")"; }
    }

    /** mq_notify with {SIGEV_SIGNAL, SIGUSR1} when {@code register}, else mq_notify(NULL) (Q2). */
    public record Notify(boolean register) implements Syscall.Mqueue {
        public <R> R accept(SyscallTable<R> table) { return table.mqNotify(this); }
        @Override public String toString() { return register ? "mq_notify(\"/nsq\", {SIGEV_SIGNAL, SIGUSR1})" : "mq_notify(\"/nsq\", NULL)"; }
    }
}
