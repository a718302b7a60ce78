package nscheck.spec.rules;

import nscheck.spec.state.IpcNamespace;
import nscheck.spec.state.Kernel;

/**
 * ipc/util.c: what the SysV calls share: each acts on the caller's IPC namespace
 * (current->nsproxy->ipc_ns), where the model keeps one object of each kind, found by key.
 */
final class IpcUtilRules {
    private IpcUtilRules() {}

    /** The slot of the caller's IPC namespace. */
    static int ipcNsOf(Kernel k, int actor) {
        return k.objects().context(actor).ipcNs();
    }

    /** The caller's IPC namespace. */
    static IpcNamespace ipcOf(Kernel k, int actor) {
        return k.objects().ipcNs(ipcNsOf(k, actor));
    }

    /** The kernel with IPC namespace {@code ns} replaced; struct pid references it dropped free their namespaces. */
    static Kernel withIpc(Kernel k, int ns, IpcNamespace n) {
        return k.withObjects(k.objects().withIpcNs(ns, n)).collectNamespaces();
    }
}
