package nscheck.spec.restore;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Errno;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.NsNames;
import nscheck.spec.call.Outcome;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Signals;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Restoring a {@link Checkpoint} the way CRIU does: the restorer (root on the target host)
 * recreates the tree parent by parent, asking for each task's checkpointed numbers at every
 * level inside the container with the variant's PID-choosing call (clone3 set_tid in mainline)
 * and letting the levels above allocate. If any call fails it kills the container's init, lets
 * the fatal signals run and reaps it, so that a failed restore should leave nothing behind.
 * Everything goes through {@link Semantics#step}, so the variant's rules apply throughout, but the
 * request for a namespace's name, which no call makes ({@code askForName}).
 */
public final class Restore {
    private Restore() {}

    /**
     * @param kernel    the target after the restore (or after its clean-up)
     * @param errno     null on success, else the first failing call's errno
     * @param slots     the slot of each image task, -1 where none was made
     * @param created   namespaces made on the way (an identifier counter moves for each)
     * @param failedAt  the image index whose call failed, -1 on success
     */
    public record Result(Kernel kernel, Errno errno, int[] slots, int created, int failedAt) {
        public boolean ok() {
            return errno == null;
        }
    }

    public static Result run(Semantics s, Kernel target, int restorer, Checkpoint image) {
        Kernel cur = target;
        int n = image.tasks().size();
        int[] slots = new int[n];
        java.util.Arrays.fill(slots, -1);
        int created = 0;
        int base = cur.ns(cur.task(restorer).nsForChildren).level() + 1;
        for (int i = 0; i < n; i++) {
            Checkpoint.Entry e = image.tasks().get(i);
            int actor = e.parent() < 0 ? restorer : slots[e.parent()];
            int flags = e.newNamespace() ? CloneFlags.CLONE_NEWPID : 0;
            int levels = base + e.inside().size();
            int[] wanted = new int[levels];
            for (int j = 0; j < e.inside().size(); j++) wanted[base + j] = e.inside().get(j);
            Syscall call = s.variant.choosePidsCall(flags, wanted);
            Outcome o = only(s.step(cur, actor, call));
            if (o == null || o.observation().failed()) {
                Errno errno = o == null ? Errno.EINVAL : o.observation().errno();
                return new Result(cleanUp(s, target, o == null ? cur : o.next(), restorer, slots[0]), errno, slots, created, i);
            }
            slots[i] = o.observation().about();
            cur = o.next();
            if (e.newNamespace()) {
                created++;
                cur = askForName(s, cur, slots[i], image, e.nsIndex());
            }
            cur = mapOwnUserNs(s, cur, slots[i]);
        }
        for (int w = 0; w < image.words().size() && w < cur.memory().size(); w++) cur = cur.withWord(w, image.words().get(w).value());
        return new Result(cur, null, slots, created, -1);
    }

    /**
     * The restorer asks, as it makes a namespace, for the name the image keeps for it (N4): as
     * clone3's set_tid asks for a PID, at creation, so that the names the rest of the restore
     * hands out take the free ones around it. Only a restorable scheme grants it, and only a free
     * name ({@link NsNames#withRequested}); no mainline call sets an inode number or an id.
     */
    private static Kernel askForName(Semantics s, Kernel k, int slot, Checkpoint image, int nsIndex) {
        if (k.names() == null || nsIndex >= image.nsIds().size()) return k;
        return k.withNames(k.names().withRequested(s.variant.namespaceIds(), NsNames.PID, k.task(slot).activeNs(), image.nsIds().get(nsIndex)));
    }

    /**
     * A task that a clone put in a new user namespace (container-bit's CLONE_NEWPID) writes its
     * "0 euid 1" maps, as a container runtime or CRIU's restorer does before the container makes
     * anything of its own: create_user_ns refuses an unmapped creator (EPERM).
     */
    public static Kernel mapOwnUserNs(Semantics s, Kernel k, int slot) {
        var cred = k.objects().context(slot).cred();
        if (k.objects().userNs(cred.userNs()).mapped()) return k;
        Outcome o = only(s.step(k, slot, new Syscall.WriteIdMaps()));
        return o == null || o.observation().failed() ? k : o.next();
    }

    private static Outcome only(List<Outcome> outs) {
        return outs.isEmpty() ? null : outs.get(0);
    }

    /**
     * SIGKILL to the restored init, the fatal signals of the tasks the restore made acted on, and
     * the init reaped. Tasks that were on the target before are not run: the clean-up must not
     * depend on them.
     */
    private static Kernel cleanUp(Semantics s, Kernel before, Kernel k, int restorer, int init) {
        if (init < 0) return k;
        int pid = s.variant.translate(k, init, k.task(restorer).activeNs());
        Outcome killed = only(s.step(k, restorer, new Syscall.Kill(pid, Signals.SIGKILL)));
        if (killed == null) return k;
        k = killed.next();
        for (boolean again = true; again; ) {
            again = false;
            for (int slot = 0; slot < k.taskSlots(); slot++) {
                Task t = k.task(slot);
                if (t == null || !t.alive() || t.pendingSignal == 0 || before.task(slot) != null) continue;
                Outcome died = only(s.step(k, slot, new Syscall.SignalDelivery()));
                if (died != null) {
                    k = died.next();
                    again = true;
                }
            }
        }
        // waitpid blocks (no outcome) while the init still waits for its namespace to empty.
        Outcome reaped = only(s.step(k, restorer, new Syscall.Wait(pid)));
        return reaped == null ? k : reaped.next();
    }

    /** The slots of the tasks of the image that exist after the restore, for reports. */
    public static List<Integer> made(Result r) {
        List<Integer> out = new ArrayList<>();
        for (int s : r.slots()) if (s >= 0) out.add(s);
        return out;
    }
}
