package nscheck.checkers.conform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `conform --json`: the agreement table and every mismatch as one JSON object (schema nscheck/schema/conform.json). */
public final class ConformJson {
    private ConformJson() {}

    public static Map<String, Object> of(Conformance c, List<AreaResult> results, long millis, boolean interrupted) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("variant", c.variant().name());
        o.put("kernel", System.getProperty("os.version"));
        o.put("level", c.probe().level());
        o.put("pid_max", c.probe().pidMax());
        o.put("seconds", millis / 1000.0);
        o.put("interrupted", interrupted);
        List<Map<String, Object>> areas = new ArrayList<>();
        for (AreaResult r : results) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("area", r.area());
            a.put("scenarios", r.scenarios());
            a.put("planned", r.planned());
            a.put("steps", r.steps());
            a.put("agree", r.agreed());
            a.put("known", r.known().size());
            a.put("mismatch", r.mismatches().size());
            a.put("rate", r.rate());
            a.put("families", r.families());
            a.put("failure", r.failure());
            a.put("interrupted", r.interrupted());
            List<Map<String, Object>> ms = new ArrayList<>();
            for (Mismatch m : r.mismatches()) {
                Map<String, Object> mo = new LinkedHashMap<>();
                mo.put("step", m.step());
                mo.put("spec", m.spec());
                mo.put("kernel", m.kernel());
                mo.put("reproducible", m.reproducible());
                mo.put("scenario", m.scenario().steps().stream().map(Scenario.Step::toString).toList());
                ms.add(mo);
            }
            a.put("mismatches", ms);
            areas.add(a);
        }
        o.put("areas", areas);
        return o;
    }
}
