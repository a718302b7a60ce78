package nscheck.model.restore;

import nscheck.model.Model;
import nscheck.model.ModelCatalog;
import nscheck.model.Reachable;
import nscheck.model.Reachable.Judgement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every migration invariant fails under the variant that breaks it, first at the step checkers'
 * RestoreModelTest proves shortest, and holds (not only vacuously) under mainline over the same
 * steps; ns-id-survives-migration fails under every identifier scheme, mainline's included, and
 * holds on some restore only where the restorer may ask for a name (proc-inode).
 */
class VariantBreaksRestoreInvariantTest {

    @ParameterizedTest(name = "{0} breaks {1} in {2} steps")
    @CsvSource({
            "global-pids,          pids-preserved-on-restore,  2",
            "pidspaces-2006,       pids-preserved-on-restore,  1",
            "seeded-shallow-zap,   restore-fails-cleanly,      3",
            "proc-inode,           ns-id-stable,               4",
            "clone-with-pids-2009, no-unprivileged-pid-choice, 2",
    })
    void theVariantBreaksItAndMainlineKeepsIt(String variant, String invariant, int steps) {
        Judgement broken = judge(variant, steps).get(invariant);
        assertEquals(steps, broken.firstViolation(), variant + " must break " + invariant + " first after " + steps + " steps");
        Judgement kept = judge("mainline", steps).get(invariant);
        assertFalse(kept.violated(), "mainline breaks " + invariant);
        assertTrue(kept.held() > 0, invariant + " only ever vacuous under mainline");
    }

    /**
     * A counter cannot be set, and the source named a namespace the restore does not make again:
     * the target's counter does not reach the image's ids at a restore, on an idle target or after
     * a container (which takes two ids).
     */
    @ParameterizedTest(name = "{0} breaks ns-id-survives-migration on an idle target")
    @CsvSource({"mainline", "serial-2014"})
    void aCounterKeepsNoNamespaceIdAcrossAMigration(String variant) {
        Judgement j = judge(variant, 2).get("ns-id-survives-migration");
        assertEquals(1, j.firstViolation());
        assertEquals(0, j.held(), "an id survived a migration");
    }

    /** proc-inode's restorer asks for the inode numbers: they survive until a container on the target holds them. */
    @Test
    void aRestorableNameSurvivesWhereItIsFree() {
        Judgement j = judge("proc-inode", 2).get("ns-id-survives-migration");
        assertEquals(2, j.firstViolation());
        assertTrue(j.held() > 0, "a restore onto a host that holds neither name keeps them");
        assertFalse(judge("proc-inode", 1).get("ns-id-survives-migration").violated());
    }

    /** The target host's own PID invariants are checked too, on the target's kernel. */
    @ParameterizedTest(name = "{0}: the PID invariants hold on the target")
    @CsvSource({"mainline"})
    void theTargetsPidInvariantsHold(String variant) {
        Map<String, Judgement> all = judge(variant, 3);
        for (String inv : new String[] {"pid-unique", "pid-visibility", "pid-round-trip", "init-kills-namespace"}) {
            assertFalse(all.get(inv).violated(), inv);
            assertTrue(all.get(inv).held() > 0, inv + " only ever vacuous");
        }
    }

    private static Map<String, Judgement> judge(String variant, int steps) {
        Model<?, ?> m = ModelCatalog.find("restore-migration").build(Map.of(), variant);
        return Reachable.judge(m, steps);
    }
}
