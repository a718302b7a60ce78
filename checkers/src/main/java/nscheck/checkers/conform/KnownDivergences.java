package nscheck.checkers.conform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * checkers/src/main/resources/nscheck/known-divergences.json: every place where the spec
 * deliberately differs from the kernel, with the reason. Entries of kind "not-generated" are
 * abstractions the generator keeps out of scenarios; entries of kind "tolerated" name a call
 * family and the spec's and kernel's results (regular expressions) of a difference that is
 * reported as known rather than as a mismatch; "calls" lists the call families an entry keeps out
 * (those the probe has no operation for). Anything else the runner finds is a spec bug.
 */
final class KnownDivergences {
    record Entry(String id, String kind, String area, String call, List<String> calls, String spec, String kernel, String reason) {
        boolean matches(String areaName, String family, String specResult, String kernelResult) {
            return "tolerated".equals(kind) && (area == null || areaName.matches(area)) && (call == null || call.equals(family))
                    && specResult.matches(spec) && kernelResult.matches(kernel);
        }
    }

    record File(List<Entry> divergences) {}

    private final List<Entry> entries;

    private KnownDivergences(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static KnownDivergences load() {
        try (InputStream in = KnownDivergences.class.getResourceAsStream("/nscheck/known-divergences.json")) {
            if (in == null) throw new IllegalStateException("known-divergences.json is missing from the build");
            File f = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true).readValue(in, File.class);
            return new KnownDivergences(f.divergences());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read known-divergences.json: " + e.getMessage(), e);
        }
    }

    List<Entry> entries() {
        return entries;
    }

    /** Whether an entry keeps call {@code family} out of every scenario because the probe cannot make it. */
    boolean unprobed(String family) {
        for (Entry e : entries) if (e.calls() != null && e.calls().contains(family)) return true;
        return false;
    }

    /** The id of the tolerated divergence this difference is, or null. */
    String match(String area, String family, String spec, String kernel) {
        for (Entry e : entries) if (e.matches(area, family, spec, kernel)) return e.id();
        return null;
    }
}
