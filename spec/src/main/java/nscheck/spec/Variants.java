package nscheck.spec;

import java.util.ArrayList;
import java.util.List;

/** Every variant by name: mainline first, then the historical proposals, then the seeded bugs. */
public final class Variants {
    private Variants() {}

    public static List<Variant> all() {
        List<Variant> all = new ArrayList<>();
        all.add(Mainline.INSTANCE);
        all.addAll(SeededBugs.ALL);
        return all;
    }

    public static Variant byName(String name) {
        for (Variant v : all()) if (v.name().equals(name)) return v;
        throw new IllegalArgumentException("unknown variant '" + name + "' (known: "
                + String.join(", ", all().stream().map(Variant::name).toList()) + ")");
    }
}
