package nscheck.checkers.conform;

import nscheck.model.kernel.CallMenu;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * POSIX message queues (ipc/mqueue.c, Q1-Q3): mq_open, mq_send and mq_receive on the queue of
 * the caller's IPC namespace, mq_notify with SIGEV_SIGNAL (SIGUSR1) and NULL, across PID and IPC
 * namespaces, with setuid(1000) and unshare(CLONE_NEWUSER) senders; the notification read back by
 * sigwaitinfo (si_pid, si_uid). The setup is the signals area's: T1 with the default mask (a
 * notification kills it, or an init drops it), the root init blocking SIGUSR1 and SIGCHLD, and
 * T2 inheriting that mask.
 */
final class MqueueArea {
    private MqueueArea() {}

    private static final int WEIGHT = 3;

    static Area mqueue() {
        List<Syscall> menu = new ArrayList<>(CallMenu.expand(List.of("clone", "clone-newpid", "clone-newipc", "unshare-newipc",
                "setuid", "unshare-newuser", "sigblock", "exit", "wait"), 5));
        List<Syscall> initCalls = new ArrayList<>(CallMenu.expand(List.of("wait", "mq-open"), 5));
        for (int i = 0; i < WEIGHT; i++) {
            menu.addAll(CallMenu.expand(List.of("mq-open", "mq-send", "mq-receive", "mq-notify", "sigwaitinfo", "sigwaitinfo-uid"), 5));
            initCalls.addAll(CallMenu.expand(List.of("mq-notify", "sigwaitinfo"), 5));
        }
        List<Syscall> fixed = List.copyOf(menu);
        List<Syscall> init = List.copyOf(initCalls);
        return new Area("mqueue", "POSIX message queues per IPC namespace: mq_open, mq_send, mq_receive, mq_notify (SIGEV_SIGNAL, NULL) and the notification's si_pid and si_uid across PID, IPC and user namespaces",
                0, List.of(new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0)),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.SigBlock()),
                        new Scenario.Step(Kernel.ROOT_INIT, new Syscall.Clone(0))),
                (k, slot) -> slot == Kernel.ROOT_INIT ? init : fixed);
    }
}
