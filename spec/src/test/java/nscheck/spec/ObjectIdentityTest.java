package nscheck.spec;

import nscheck.spec.call.AsyncIoCall;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.SocketCall;
import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.Limits;
import nscheck.spec.state.UserNamespace;
import nscheck.spec.variant.Mainline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The kernel objects beside tasks (user and IPC namespaces, undo lists, socket pairs, the pipe's
 * owner, the process counts) and the kernel's own parts (namespace and task slots, kernel
 * threads, namespace names) are part of a state's identity: two states differing in one of them
 * alone differ in equality and fingerprint, whether the objects are the boot's (a shortcut
 * hashes them) or not.
 */
class ObjectIdentityTest {
    /** The objects after {@code calls} by T1 (slot 1, forked from the root init). */
    private static KernelObjects after(Syscall... calls) {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));
        for (Syscall c : calls) r.value(1, c);
        return r.k.objects();
    }

    private static void allDistinct(Map<String, Kernel> states) {
        List<String> names = new ArrayList<>(states.keySet());
        List<Kernel> ks = new ArrayList<>(states.values());
        for (int i = 0; i < ks.size(); i++)
            for (int j = i + 1; j < ks.size(); j++) {
                String what = names.get(i) + " / " + names.get(j);
                assertNotEquals(ks.get(i), ks.get(j), what);
                assertNotEquals(ks.get(i).fingerprint(), ks.get(j).fingerprint(), what + ": same fingerprint");
            }
    }

    private static Map<String, Kernel> oneObjectAway(Kernel base) {
        KernelObjects o = base.objects();
        KernelObjects user = after(new Syscall.Unshare(CloneFlags.CLONE_NEWUSER), new Syscall.WriteIdMaps());
        KernelObjects msg = after(new Syscall.Msgget());
        KernelObjects undo = after(new Syscall.Semget(), new Syscall.Semop(1));
        KernelObjects pair = after(new SocketCall.Socketpair(SocketCall.SOCK_STREAM));
        KernelObjects owner = after(new AsyncIoCall.Setown(2));
        KernelObjects ipc = after(new Syscall.Unshare(CloneFlags.CLONE_NEWIPC));
        Map<String, Kernel> m = new LinkedHashMap<>();
        m.put("base", base);
        m.put("a user namespace", base.withObjects(o.addUserNs(user.userNs(1))));
        m.put("an IPC object", base.withObjects(o.withIpcNs(0, msg.ipcNs(0))));
        m.put("an IPC namespace", base.withObjects(o.addIpcNs(ipc.ipcNs(1))));
        m.put("an undo list", base.withObjects(o.addUndoList(undo.undoList(0))));
        m.put("a socket pair", base.withObjects(o.withSockets(pair.sockets())));
        m.put("the pipe's owner", base.withObjects(o.withFown(owner.fown())));
        m.put("the process counts", base.withObjects(o.chargeNproc(UserNamespace.INIT, 1000, 1)));
        return m;
    }

    @Test
    void everyObjectCountsBesideTheBootsObjects() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));
        allDistinct(oneObjectAway(r.k));
    }

    @Test
    void everyObjectCountsBesideOthers() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.value(0, new Syscall.Clone(0));
        r.value(1, new Syscall.Unshare(CloneFlags.CLONE_NEWUSER));
        r.value(1, new Syscall.Unshare(CloneFlags.CLONE_NEWIPC));
        allDistinct(oneObjectAway(r.k));
        Map<String, Kernel> mapped = new LinkedHashMap<>();
        KernelObjects o = r.k.objects();
        mapped.put("unmapped", r.k);
        mapped.put("mapped", r.k.withObjects(o.withUserNs(1, o.userNs(1).withMaps())));
        allDistinct(mapped);
    }

    @Test
    void theKernelsOwnPartsCount() {
        Map<String, Kernel> m = new LinkedHashMap<>();
        SpecRun plain = new SpecRun(Mainline.INSTANCE);
        m.put("boot", plain.k);
        Kernel kt = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10, 2))).k;
        m.put("kernel threads", kt);
        m.put("a dead kernel thread", kt.withKthreads(kt.kthreads().died(3)));
        Kernel named = new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10).withNsNames())).k;
        m.put("namespace names", named);
        SpecRun two = new SpecRun(Mainline.INSTANCE);
        two.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        two.value(0, new Syscall.Clone(CloneFlags.CLONE_NEWPID));
        two.value(1, new Syscall.Exit(0));
        two.value(0, new Syscall.Wait(2));
        m.put("a namespace hole", two.k);
        m.put("no hole", two.k.withNamespace(1, two.k.ns(2)));
        allDistinct(m);
        assertEquals(kt, new SpecRun(new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10, 2))).k);
    }
}
