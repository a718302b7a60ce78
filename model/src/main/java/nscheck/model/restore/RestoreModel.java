package nscheck.model.restore;

import nscheck.model.Model;
import nscheck.model.ModelException;
import nscheck.model.Property;
import nscheck.model.TraceStep;
import nscheck.model.Transition;
import nscheck.model.kernel.KernelStep;
import nscheck.model.kernel.PidInvariants;
import nscheck.spec.restore.Checkpoint;
import nscheck.spec.call.CloneFlags;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.NsNames;
import nscheck.spec.variant.NamespaceIds;
import nscheck.spec.call.Observation;
import nscheck.spec.call.Outcome;
import nscheck.spec.restore.Restore;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.SharedMemory;
import nscheck.spec.call.Syscall;
import nscheck.spec.state.Task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Migration between two hosts. On the source host a container (an init, a nested container's
 * init, and a task holding a PI futex in memory shared with them) is checkpointed once, by real
 * calls; the search then explores the target host: its manager starts and stops other
 * containers, those containers' roots try to choose PIDs, and at any point the manager restores
 * the image. Namespaces are named on both hosts by the spec's rule (NsNames): the variant's scheme
 * says which name counts (an inode number or an id) and whether a restorer may ask for one.
 */
public final class RestoreModel implements Model<RestoreState, RestoreStep> {
    /** The target's container manager (root on the host, CRIU's restorer): slot 1, PID 2. */
    static final int MANAGER = 1;
    /** A container is started with its own user namespace: its root owns the container's level, and no level above (K1). */
    static final int CONTAINER_FLAGS = CloneFlags.CLONE_NEWUSER | CloneFlags.CLONE_NEWPID;

    private final String name;
    private final String description;
    private final Map<String, Integer> bounds;
    private final Semantics semantics;
    private final NamespaceIds scheme;
    private final Checkpoint image;
    private final RestoreState initial;
    private final List<Syscall> attacks;
    private final List<Property<RestoreState, RestoreStep>> properties;

    RestoreModel(String name, String description, Map<String, Integer> bounds, Semantics semantics, List<String> invariants) {
        this.name = name;
        this.description = description;
        this.bounds = Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
        this.semantics = semantics;
        this.scheme = semantics.variant.namespaceIds();
        this.image = checkpointOnSource();
        Kernel target = semantics.boot().withMemory(SharedMemory.zeroed(image.words().size()));
        Outcome m = setup(target, Kernel.ROOT_INIT, new Syscall.Clone(0));
        if (m.observation().about() != MANAGER) throw new ModelException("the target's manager must be slot " + MANAGER);
        this.initial = new RestoreState(m.next(), FreedNames.NONE.follow(scheme, target, m.next()), 0, RestoreState.NOT_YET, -1);
        // A container's root asks for its child to hold host PID p and container PID x.
        List<Syscall> a = new ArrayList<>();
        int pidMax = semantics.limits.pidMax();
        for (int p = 1; p < pidMax; p++)
            for (int x = 1; x < pidMax; x++) a.add(semantics.variant.choosePidsCall(0, new int[] {p, x}));
        this.attacks = List.copyOf(a);
        List<Property<RestoreState, RestoreStep>> props = new ArrayList<>();
        for (String inv : invariants) props.add(RestoreInvariants.named(inv, this));
        // The earlier state invariants hold on the target host too, before and after a restore.
        for (Property<Kernel, KernelStep> p : PidInvariants.all(semantics))
            if (p instanceof Property.Always<Kernel, KernelStep> always)
                props.add(new Property.Always<>(always.name(), always.statement(), st -> always.check().check(st.target())));
        this.properties = List.copyOf(props);
    }

    /**
     * The source host: the manager M (PID 2) starts container C; C starts a nested container E
     * and forks D; D takes a PI futex in memory the container shares. Then the image is taken.
     * The source is not fresh from boot: M runs in an IPC namespace of its own (a service started
     * with one, as systemd's PrivateIPC= does), named before the container's and not made again
     * by the restore. So the container's names are not the ones the target's allocators hand out
     * first (N1: C's inode number is not the lowest free on an idle target; N3: nor its id the
     * counter's next), and a restorer that may ask for a name (proc-inode, {@link Restore}) gets
     * one back that lowest-free allocation would not give.
     */
    private Checkpoint checkpointOnSource() {
        Kernel k = semantics.boot().withMemory(SharedMemory.zeroed(1));
        // {actor (index into made, -1 for the root init), clone flags}: M (in its own IPC namespace), then C, then E, then D.
        int[][] calls = {{-1, CloneFlags.CLONE_NEWIPC}, {0, CloneFlags.CLONE_NEWPID}, {1, CloneFlags.CLONE_NEWPID}, {1, 0}};
        List<Integer> made = new ArrayList<>();
        for (int[] c : calls) {
            int actor = c[0] < 0 ? Kernel.ROOT_INIT : made.get(c[0]);
            Outcome o = setup(k, actor, new Syscall.Clone(c[1]));
            k = Restore.mapOwnUserNs(semantics, o.next(), o.observation().about());
            made.add(o.observation().about());
        }
        int c = made.get(1), e = made.get(2), d = made.get(3);
        k = setup(k, d, new Syscall.FutexLockPi(0)).next();
        return Checkpoint.take(semantics.variant, k, c)
                .withNamespaceIds(List.of(k.names().name(scheme, NsNames.PID, k.task(c).activeNs()), k.names().name(scheme, NsNames.PID, k.task(e).activeNs())));
    }

    private Outcome setup(Kernel k, int actor, Syscall call) {
        List<Outcome> outs = semantics.step(k, actor, call);
        if (outs.isEmpty() || outs.get(0).observation().failed())
            throw new ModelException("setup call " + call + " failed under " + semantics.variant.name() + ": the bounds are too small");
        return outs.get(0);
    }

    Semantics semantics() { return semantics; }

    Checkpoint image() { return image; }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public String variant() { return semantics.variant.name(); }

    @Override public Map<String, Integer> bounds() { return bounds; }

    @Override public List<RestoreState> initialStates() { return List.of(initial); }

    @Override public List<Property<RestoreState, RestoreStep>> properties() { return properties; }

    @Override public long fingerprint(RestoreState s) { return s.fingerprint(); }

    @Override public int maxDepth() { return bounds.getOrDefault("steps", 0); }

    @Override public List<String> actionFamilies() { return List.of("start-container", "stop-container", "reap", "choose-pid", "restore"); }

    @Override public String family(RestoreStep step) { return step.family(); }

    @Override
    public void successors(RestoreState s, Consumer<Transition<RestoreState, RestoreStep>> out) {
        Kernel k = s.target();
        if (k.task(MANAGER) != null && k.task(MANAGER).alive()) {
            if (s.starts() < bounds.get("containers")) call(s, MANAGER, "start-container", new Syscall.Clone(CONTAINER_FLAGS), 1, out);
            call(s, MANAGER, "reap", new Syscall.Wait(-1), 0, out);
        }
        for (int x = 0; x < k.taskSlots(); x++) {
            Task t = k.task(x);
            if (t == null || !t.alive() || t.parent != MANAGER || x == s.restoredInit() || !k.isChildReaper(x)) continue;
            call(s, x, "stop-container", new Syscall.Exit(0), 0, out);
            for (Syscall attack : attacks) call(s, x, "choose-pid", attack, 0, out);
        }
        for (int x = 0; x < k.taskSlots(); x++) {
            Task t = k.task(x);
            if (t != null && t.alive() && t.pendingSignal != 0) call(s, x, "signal-delivery", new Syscall.SignalDelivery(), 0, out);
        }
        if (s.restore() == RestoreState.NOT_YET) restore(s, out);
    }

    private void call(RestoreState s, int actor, String family, Syscall call, int started,
                      Consumer<Transition<RestoreState, RestoreStep>> out) {
        for (Outcome o : semantics.step(s.target(), actor, call)) {
            int starts = s.starts() + (o.observation().failed() ? 0 : started);
            RestoreState next = new RestoreState(o.next(), s.freed().follow(scheme, s.target(), o.next()), starts, s.restore(), s.restoredInit());
            out.accept(new Transition<>(new RestoreStep(actor, family, call, o.observation(), null, false), next));
        }
    }

    private void restore(RestoreState s, Consumer<Transition<RestoreState, RestoreStep>> out) {
        Kernel k = s.target();
        Restore.Result r = Restore.run(semantics, k, MANAGER, image);
        Kernel after = r.kernel();
        // A failed restore's namespaces were made and freed through the spec's calls: their ids are spent.
        RestoreState next = new RestoreState(after, s.freed().follow(scheme, k, after), s.starts(), r.ok() ? RestoreState.RESTORED : RestoreState.FAILED,
                r.ok() ? r.slots()[0] : -1);
        out.accept(new Transition<>(new RestoreStep(MANAGER, "restore", null, null, r, room(k)), next));
    }

    /** A free task slot and a free host PID for every task of the image. */
    private boolean room(Kernel k) {
        int slots = 0, pids = 0;
        for (int i = 0; i < k.taskSlots(); i++) if (k.task(i) == null) slots++;
        for (int nr = 1; nr < k.ns(Kernel.ROOT_NS).pidMax(); nr++) if (!k.numberInUse(Kernel.ROOT_NS, nr)) pids++;
        int n = image.tasks().size();
        return slots >= n && pids >= n;
    }

    @Override
    public TraceStep describe(RestoreState pre, RestoreStep step, RestoreState post) {
        Task actor = pre.target().task(step.actor());
        String detail = "NSpid " + actor.nsPid();
        if (step.restore() == null)
            return new TraceStep("T" + step.actor(), detail, step.family(), Map.of(), step.call().toString(), step.result().toString());
        Restore.Result r = step.restore();
        StringBuilder text = new StringBuilder("restore(");
        for (int i = 0; i < image.tasks().size(); i++) text.append(i == 0 ? "" : ", ").append(image.tasks().get(i).inside());
        text.append(')');
        StringBuilder result = new StringBuilder();
        if (r.ok()) {
            result.append("= restored as");
            for (int slot : r.slots()) result.append(" T").append(slot).append('[').append(r.kernel().task(slot).nsPid()).append(']');
        } else {
            result.append("= -1 ").append(r.errno()).append(" at image task ").append(r.failedAt()).append(", cleaned up");
        }
        return new TraceStep("T" + step.actor(), detail, step.family(), Map.of(), text.toString(), result.toString());
    }

    @Override
    public String describeState(RestoreState s) {
        return s.target().toString() + s.freed() + (s.restore() == RestoreState.NOT_YET ? "" : s.restore() == RestoreState.RESTORED ? "; restored" : "; restore failed");
    }

    /** The observation of a call, for invariants. */
    static Observation result(RestoreStep step) {
        return step.result();
    }
}
