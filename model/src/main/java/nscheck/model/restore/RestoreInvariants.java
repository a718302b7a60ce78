package nscheck.model.restore;

import nscheck.model.ModelException;
import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.spec.restore.Checkpoint;
import nscheck.spec.state.FutexWordLayout;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.NsNames;
import nscheck.spec.state.PidNamespace;
import nscheck.spec.restore.Restore;
import nscheck.model.kernel.CapabilityInvariants;
import nscheck.model.kernel.PidChoice;
import nscheck.spec.state.Task;

import java.util.List;

/**
 * The checkpoint/restore and migration invariants. Each can fail: pids-preserved-on-restore
 * under global-pids and pidspaces-2006, restore-fails-cleanly under seeded-shallow-zap,
 * ns-id-stable under proc-inode, ns-id-survives-migration under every identifier scheme, and
 * no-unprivileged-pid-choice under clone-with-pids-2009.
 */
public final class RestoreInvariants {
    public static final List<String> NAMES = List.of("pids-preserved-on-restore", "restore-fails-cleanly", "ns-id-stable",
            "ns-id-survives-migration", "no-unprivileged-pid-choice");

    private RestoreInvariants() {}

    static Property<RestoreState, RestoreStep> named(String name, RestoreModel m) {
        return switch (name) {
            case "pids-preserved-on-restore" -> pidsPreserved(m);
            case "restore-fails-cleanly" -> failsCleanly();
            case "ns-id-stable" -> nsIdStable(m);
            case "ns-id-survives-migration" -> nsIdSurvives(m);
            case "no-unprivileged-pid-choice" -> noUnprivilegedChoice();
            default -> throw new ModelException("unknown restore invariant '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** The point of set_tid (S2, S3) and of IBM's virtual PIDs (H1): a migrated task keeps every number it could have seen. */
    static Property<RestoreState, RestoreStep> pidsPreserved(RestoreModel m) {
        return new Property.AlwaysStep<>("pids-preserved-on-restore",
                "a restore onto a host with room succeeds, every task keeps its PIDs at every level inside the container, and futex owner TIDs still name their owners",
                (pre, step, post) -> {
            if (step.restore() == null || !step.room()) return Verdict.VACUOUS;
            Restore.Result r = step.restore();
            if (!r.ok()) return Verdict.VIOLATED;
            Checkpoint image = m.image();
            Kernel k = r.kernel();
            int base = k.task(r.slots()[0]).level();
            for (int i = 0; i < image.tasks().size(); i++) {
                Task t = k.task(r.slots()[i]);
                List<Integer> inside = image.tasks().get(i).inside();
                if (t.level() != base + inside.size() - 1) return Verdict.VIOLATED;
                for (int j = 0; j < inside.size(); j++) if (t.numberAtLevel(base + j) != inside.get(j)) return Verdict.VIOLATED;
            }
            for (int w = 0; w < image.words().size(); w++) {
                Checkpoint.Word word = image.words().get(w);
                if (word.owner() < 0) continue;
                int owner = r.slots()[word.owner()];
                if (m.semantics().variant.futexLookupOwner(k, owner, FutexWordLayout.tid(k.memory().word(w))) != owner) return Verdict.VIOLATED;
            }
            return Verdict.HOLDS;
        });
    }

    /** CRIU kills what it made when a restore fails; the target must be as it was (allocator cursors aside). */
    static Property<RestoreState, RestoreStep> failsCleanly() {
        return new Property.AlwaysStep<>("restore-fails-cleanly",
                "a restore that fails leaves the target's tasks, PIDs and namespaces as they were (allocator cursors aside)",
                (pre, step, post) -> {
            if (step.restore() == null || step.restore().ok()) return Verdict.VACUOUS;
            return Verdict.of(sameButCursors(pre.target(), post.target()));
        });
    }

    private static boolean sameButCursors(Kernel a, Kernel b) {
        for (int i = 0; i < Math.max(a.taskSlots(), b.taskSlots()); i++) {
            Task x = a.task(i), y = b.task(i);
            if (x == null ? y != null : !x.equals(y)) return false;
        }
        for (int n = 0; n < Math.max(a.nsSlots(), b.nsSlots()); n++) {
            PidNamespace x = a.ns(n), y = b.ns(n);
            if (x == null || y == null) {
                if (x != y) return false;
            } else if (!x.withCursor(0).equals(y.withCursor(0))) {
                return false;
            }
        }
        return a.memory().equals(b.memory());
    }

    /** N1 versus N3/N4: a tool that remembered an identifier must not find it naming another namespace later this boot. */
    static Property<RestoreState, RestoreStep> nsIdStable(RestoreModel m) {
        return new Property.Always<>("ns-id-stable",
                "an identifier names one namespace for the lifetime of the boot: never two at once, never a new one after its own is freed", s -> {
            NsNames n = s.target().names();
            java.util.Set<Long> live = new java.util.HashSet<>();
            boolean any = false;
            for (int t = 0; t < 3; t++)
                for (int slot = 1; slot < n.ino()[t].length; slot++) {
                    if (n.ino()[t][slot] == 0) continue;
                    any = true;
                    long name = n.name(m.semantics().variant.namespaceIds(), t, slot);
                    if (!live.add(name) || s.freed().contains(name)) return Verdict.VIOLATED;
                }
            return any && s.freed().names().length > 0 ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }

    /** N4's objection: an identifier that software inside kept must still name its namespace after migration. */
    static Property<RestoreState, RestoreStep> nsIdSurvives(RestoreModel m) {
        return new Property.AlwaysStep<>("ns-id-survives-migration",
                "after a restore, each of the container's namespaces carries the identifier it had on the source host",
                (pre, step, post) -> {
            if (step.restore() == null || !step.restore().ok()) return Verdict.VACUOUS;
            Restore.Result r = step.restore();
            Checkpoint image = m.image();
            for (int i = 0; i < image.tasks().size(); i++) {
                long now = post.target().names().name(m.semantics().variant.namespaceIds(), NsNames.PID, post.target().task(r.slots()[i]).activeNs());
                if (now != image.nsIds().get(image.tasks().get(i).nsIndex())) return Verdict.VIOLATED;
            }
            return Verdict.HOLDS;
        });
    }

    /** The PID-reuse attack (2009): whoever can pick a PID can impersonate a process that just exited (PidChoice: every route). */
    static Property<RestoreState, RestoreStep> noUnprivilegedChoice() {
        return new Property.AlwaysStep<>(CapabilityInvariants.NO_UNPRIVILEGED_PID_CHOICE, CapabilityInvariants.NO_UNPRIVILEGED_PID_CHOICE_STATEMENT,
                (pre, step, post) -> {
            if (step.call() == null || !"choose-pid".equals(step.family())) return Verdict.VACUOUS;
            if (step.result().failed()) return Verdict.HOLDS;
            PidChoice choice = PidChoice.of(pre.target(), post.target(), step.actor(), step.result().about(), step.call());
            if (choice == null) return Verdict.VACUOUS;
            return Verdict.of(choice.privileged());
        });
    }
}
