package nscheck.model.kernel;

import nscheck.model.ModelException;
import nscheck.model.Property;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a model file may say, and the one line a mistake in it gets (exit code 2 in the CLI). */
class ModelDefinitionChecksTest {
    private static final List<String> CALLS = List.of("clone", "exit");

    private static ModelDefinition def(String format, String name, Map<String, Integer> bounds, List<String> calls,
                                       List<String> initCalls, List<String> invariants, String variant) {
        return new ModelDefinition(format, name, null, variant, bounds, calls, initCalls, invariants);
    }

    private static String refusal(ModelDefinition d) {
        return assertThrows(ModelException.class, () -> new KernelModelSource(d)).getMessage();
    }

    @Test
    void aFileMustNameItsFormatItselfAndItsCalls() {
        assertEquals("model format must be \"nscheck-model/1\", not \"nscheck-model/2\"", refusal(def("nscheck-model/2", "m", null, CALLS, null, null, null)));
        assertEquals("model format must be \"nscheck-model/1\", not nothing", refusal(def(null, "m", null, CALLS, null, null, null)));
        assertEquals("model has no name", refusal(def(ModelDefinition.FORMAT, null, null, CALLS, null, null, null)));
        assertEquals("model has no name", refusal(def(ModelDefinition.FORMAT, "  ", null, CALLS, null, null, null)));
        assertEquals("model m lists no calls", refusal(def(ModelDefinition.FORMAT, "m", null, null, null, null, null)));
        assertEquals("model m lists no calls", refusal(def(ModelDefinition.FORMAT, "m", null, List.of(), null, null, null)));
        assertEquals("init_calls may not contain exit: the root init never exits (the kernel would panic)",
                refusal(def(ModelDefinition.FORMAT, "m", null, CALLS, List.of("wait", "exit"), null, null)));
        assertTrue(refusal(def(ModelDefinition.FORMAT, "m", null, CALLS, List.of("fork"), null, null)).startsWith("unknown call family 'fork'"));
        assertTrue(refusal(def(ModelDefinition.FORMAT, "m", null, CALLS, null, null, "no-such-variant")).contains("no-such-variant"));
        assertTrue(refusal(def(ModelDefinition.FORMAT, "m", Map.of("threads", 2), CALLS, null, null, null)).startsWith("unknown bound 'threads' for model m"));
    }

    @Test
    void anUnknownInvariantIsRefusedWithEveryKnownOne() {
        String e = refusal(def(ModelDefinition.FORMAT, "m", null, CALLS, null, List.of("pid-unique", "no-such"), null));
        assertTrue(e.startsWith("unknown invariant 'no-such' (known: pid-unique, pid-visibility, "), e);
        for (String known : List.of("orphan-reaper", "reported-pid", "undo-own-namespace", "no-unprivileged-pid-choice", "pidfd-stable",
                "ns-file-scope", "ns-names-unique", "kernel-threads-live"))
            assertTrue(e.contains(known + ", ") || e.endsWith(known + ")"), known);
        // each family of invariants is found by its name
        for (String inv : List.of("orphan-reaper", "nproc-exact", "no-unprivileged-pid-choice", "ns-file-scope", "kernel-threads-live")) {
            var source = new KernelModelSource(def(ModelDefinition.FORMAT, "m", null, CALLS, null, List.of(inv), null));
            assertEquals(List.of(inv), source.build(Map.of(), null).properties().stream().map(Property::name).toList());
        }
    }

    @Test
    void whatAFileLeavesOutHasADefault() {
        KernelModelSource s = new KernelModelSource(def(ModelDefinition.FORMAT, "m", null, CALLS, null, null, null));
        assertEquals("m", s.name());
        assertEquals("", s.description());
        assertEquals("mainline", s.defaultVariant());
        assertEquals(CALLS, s.calls());
        assertEquals(Map.of("tasks", 4, "depth", 2, "pid_max", 4, "steps", 0, "initial_tasks", 1), s.defaultBounds());
        assertEquals(List.of("pid-unique", "pid-visibility", "pid-round-trip", "isolation", "init-kills-namespace", "orphan-reaper"), s.invariants());
        assertEquals(s.invariants(), new KernelModelSource(def(ModelDefinition.FORMAT, "m", null, CALLS, null, List.of(), null)).invariants());
        KernelModel m = (KernelModel) s.build(null, null);
        assertEquals("[clone(0), exit(0), waitpid(-1), <fatal signal delivered>]", m.menu().toString(), "the root init waits");
        assertEquals("mainline", m.variant());
        assertEquals("global-pids", s.build(Map.of(), "global-pids").variant());
        KernelModelSource named = new KernelModelSource(new ModelDefinition(ModelDefinition.FORMAT, "n", "about n", "global-pids",
                Map.of("pid_max", 5), CALLS, List.of("getpid"), List.of("pid-unique")));
        assertEquals("about n", named.description());
        assertEquals("global-pids", named.defaultVariant());
        assertEquals("global-pids", named.build(Map.of(), null).variant());
        assertEquals(5, named.defaultBounds().get("pid_max"));
        assertEquals(3, named.build(Map.of("pid_max", 3), null).bounds().get("pid_max"));
    }

    @Test
    void kernelThreadsAndNamespaceNamesAreBoundsOnlyOfTheFilesThatNameThem() {
        KernelModelSource plain = new KernelModelSource(def(ModelDefinition.FORMAT, "m", Map.of("tasks", 3), CALLS, null, null, null));
        assertFalse(plain.defaultBounds().containsKey(KernelModelSource.KTHREADS));
        assertFalse(plain.defaultBounds().containsKey(KernelModelSource.NS_NAMES));
        KernelModelSource kt = new KernelModelSource(def(ModelDefinition.FORMAT, "m", Map.of("kthreads", 2, "pid_max", 7), CALLS, null, null, null));
        assertEquals(2, kt.defaultBounds().get("kthreads"));
        assertFalse(kt.defaultBounds().containsKey(KernelModelSource.NS_NAMES));
        assertEquals(2, ((KernelModel) kt.build(Map.of(), null)).initialStates().get(0).kthreads().count());
        assertEquals(0, ((KernelModel) kt.build(Map.of("kthreads", 0), null)).initialStates().get(0).kthreads().count());
        KernelModelSource names = new KernelModelSource(def(ModelDefinition.FORMAT, "m", Map.of("ns_names", 1), CALLS, null, null, null));
        assertEquals(1, names.defaultBounds().get("ns_names"));
        assertFalse(names.defaultBounds().containsKey(KernelModelSource.KTHREADS));
        assertTrue(((KernelModel) names.build(Map.of(), null)).semantics().limits.nsNames());
        assertFalse(((KernelModel) names.build(Map.of("ns_names", 0), null)).semantics().limits.nsNames());
        assertFalse(((KernelModel) plain.build(Map.of(), null)).semantics().limits.nsNames());
    }

    @Test
    void boundsThatCannotBeBuiltAreRefused() {
        KernelModelSource s = new KernelModelSource(def(ModelDefinition.FORMAT, "m", null, CALLS, null, null, null));
        assertEquals("initial_tasks must be below tasks (the root init takes a slot)",
                assertThrows(ModelException.class, () -> s.build(Map.of("initial_tasks", 4), null)).getMessage());
        assertEquals(3, s.build(Map.of("initial_tasks", 3), null).bounds().get("initial_tasks"));
        assertTrue(assertThrows(ModelException.class, () -> s.build(Map.of("depth", 40), null)).getMessage().startsWith("bad bounds for m: "));
    }

    @Test
    void aZombiesExitCodeIsStateOnlyWhereACallOfTheModelReadsIt() {
        assertFalse(((KernelModel) new KernelModelSource(def(ModelDefinition.FORMAT, "m", null, CALLS, null, null, null))
                .build(Map.of(), null)).semantics().exitStatus);
        for (String reader : CallMenu.STATUS_READERS) {
            assertTrue(((KernelModel) new KernelModelSource(def(ModelDefinition.FORMAT, "m", null, List.of("exit-status", reader), null, null, null))
                    .build(Map.of(), null)).semantics().exitStatus, reader);
            assertTrue(((KernelModel) new KernelModelSource(def(ModelDefinition.FORMAT, "m", null, CALLS, List.of(reader), null, null))
                    .build(Map.of(), null)).semantics().exitStatus, reader + " by the root init");
        }
    }
}
