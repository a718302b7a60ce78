package nscheck.checkers.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How often each action family fired during a search, and which never did. */
public final class Coverage {
    private final Map<String, long[]> counts = new LinkedHashMap<>();

    public Coverage(List<String> families) {
        for (String f : families) counts.put(f, new long[1]);
    }

    public void count(String family) {
        counts.computeIfAbsent(family, f -> new long[1])[0]++;
    }

    /** Adds {@code n} firings at once (engines that count per worker and merge at the end). */
    public void add(String family, long n) {
        counts.computeIfAbsent(family, f -> new long[1])[0] += n;
    }

    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    public List<String> neverFired() {
        return counts.entrySet().stream().filter(e -> e.getValue()[0] == 0).map(Map.Entry::getKey).toList();
    }
}
