package nscheck.checkers.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numbers of a search's action families, for its coverage counts, shared by its workers: the
 * model's declared families ({@code Model#actionFamilies}) first, in order, and a family the model
 * did not declare numbered when a worker first meets it. Each worker looks names up through its
 * own {@link Lookup}, which asks this table only the first time it sees a name.
 */
final class ActionFamilies {
    private final Map<String, Integer> index = new ConcurrentHashMap<>();
    private final List<String> names;

    ActionFamilies(List<String> declared) {
        names = new ArrayList<>(declared);
        for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
    }

    /** The family's number, given it if it has none (any thread). */
    int number(String name) {
        Integer f = index.get(name);
        if (f != null) return f;
        synchronized (names) {
            return index.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }
    }

    /** Families numbered so far; read once the workers are done. */
    int size() {
        return names.size();
    }

    String name(int f) {
        return names.get(f);
    }

    /**
     * One worker's lookup, by the name's identity: a model hands back the same few strings over and
     * over, and this is called once per transition. An open-addressing table keyed by the string's
     * (cached) hash and compared by identity: one load and one compare for a name seen before,
     * where remembering only the last name missed whenever a state's steps alternate families.
     */
    final class Lookup {
        private static final int SLOTS = 64;
        private final String[] seen = new String[SLOTS];
        private final int[] number = new int[SLOTS];
        private int size;

        int number(String name) {
            int i = name.hashCode() & (SLOTS - 1);
            for (String s; (s = seen[i]) != null; i = (i + 1) & (SLOTS - 1))
                if (s == name) return number[i];
            int f = ActionFamilies.this.number(name);
            // At most half full, so that a probe ends soon; a model that makes a fresh string per step asks the shared table.
            if (size < SLOTS / 2) {
                seen[i] = name;
                number[i] = f;
                size++;
            }
            return f;
        }
    }
}
