package nscheck.model.kernel;

import nscheck.model.Property;
import nscheck.model.Verdict;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.NsNames;

/**
 * What names a namespace to user space (N1, N3; {@link NsNames}): the rule tools rely on when
 * they compare namespaces by st_ino or NS_GET_ID (namespaces(7)). Violated by the seeded bug
 * nscheck.spec.variant.NsNameBugs#INUM_FREED_WITH_INIT.
 */
final class NsNameInvariants {
    private NsNameInvariants() {}

    /** N1, N3: one inode number and one id per live namespace, of whatever type. */
    static Property<Kernel, KernelStep> namesUnique() {
        return new Property.Always<>("ns-names-unique",
                "no two live namespaces, of any types, share an inode number or an id", k -> {
            NsNames n = k.names();
            if (n == null) return Verdict.VACUOUS;
            int live = 0;
            for (int t = 0; t < 3; t++)
                for (int s = 0; s < n.ino()[t].length; s++) {
                    if (n.ino()[t][s] == 0) continue;
                    live++;
                    for (int u = t; u < 3; u++)
                        for (int r = u == t ? s + 1 : 0; r < n.ino()[u].length; r++)
                            if (n.ino()[u][r] != 0 && (n.ino()[u][r] == n.ino()[t][s] || n.id()[u][r] == n.id()[t][s])) return Verdict.VIOLATED;
                }
            // Only the three initial namespaces: nothing has been numbered yet.
            return live > 3 ? Verdict.HOLDS : Verdict.VACUOUS;
        });
    }
}
