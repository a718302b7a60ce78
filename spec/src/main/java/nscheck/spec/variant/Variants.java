package nscheck.spec.variant;

import java.util.ArrayList;
import java.util.List;

/** Every variant by name: mainline first, then the historical proposals, then the seeded bugs. */
public final class Variants {
    private Variants() {}

    /** The historical proposals, each next to mainline (docs/semantics.md, proposals). */
    public static final List<Variant> PROPOSALS = List.of(GlobalPids.INSTANCE, Pidspaces2006.INSTANCE, ContainerBit.INSTANCE,
            Execns2006.INSTANCE, CloneWithPids2009.INSTANCE, NamespaceIdVariants.PROC_INODE, NamespaceIdVariants.SERIAL);

    public static List<Variant> all() {
        List<Variant> all = new ArrayList<>();
        all.add(Mainline.INSTANCE);
        all.addAll(PROPOSALS);
        all.addAll(SeededBugs.ALL);
        return all;
    }

    public static Variant byName(String name) {
        for (Variant v : all()) if (v.name().equals(name)) return v;
        throw new IllegalArgumentException("unknown variant '" + name + "' (known: "
                + String.join(", ", all().stream().map(Variant::name).toList()) + ")");
    }
}
