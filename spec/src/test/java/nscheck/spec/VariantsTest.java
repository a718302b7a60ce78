package nscheck.spec;

import nscheck.spec.variant.Mainline;
import nscheck.spec.variant.Variant;
import nscheck.spec.variant.Variants;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The names users pick variants by (--variant NAME, `nscheck list`): mainline first and named
 * "mainline", every name distinct and found again by {@link Variants#byName}, every variant
 * described by a one-line summary.
 */
class VariantsTest {
    @Test
    void everyVariantIsFoundByItsOwnDistinctName() {
        assertSame(Mainline.INSTANCE, Variants.all().get(0));
        assertEquals("mainline", Mainline.INSTANCE.name());
        Set<String> names = new HashSet<>();
        for (Variant v : Variants.all()) {
            assertTrue(names.add(v.name()), "two variants named " + v.name());
            assertSame(v, Variants.byName(v.name()));
            assertFalse(v.summary().isBlank(), v.name() + " has no summary");
            assertFalse(v.summary().contains("\n"), v.name() + "'s summary is one line");
        }
        assertThrows(IllegalArgumentException.class, () -> Variants.byName("no-such-variant"));
    }

    @Test
    void theProposalsKeepTheNamesModelFilesUse() {
        assertEquals(List.of("mainline", "global-pids", "pidspaces-2006", "container-bit", "execns", "clone-with-pids-2009",
                "proc-inode", "serial-2014"), Variants.all().subList(0, 1 + Variants.PROPOSALS.size()).stream().map(Variant::name).toList());
    }
}
