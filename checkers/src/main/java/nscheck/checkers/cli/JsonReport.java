package nscheck.checkers.cli;

import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Statistics;
import nscheck.checkers.trace.Violation;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `check --json`: the result as one JSON object on stdout (schema nscheck/schema/check.json), each violation with its trace. */
final class JsonReport {
    private JsonReport() {}

    static <S, A> void print(PrintWriter out, CheckResult<S, A> r, List<Path> files, Double expectedMissed) {
        Map<String, Object> o = Json.model(r.model());
        o.put("result", r.violated() ? "violated" : r.ending().name().toLowerCase());
        Statistics s = r.stats();
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("distinct_states", s.distinct());
        st.put("generated_states", s.generated());
        st.put("depth", s.depth());
        st.put("seconds", s.seconds());
        st.put("states_per_second", s.statesPerSecond());
        st.put("bytes_per_state", s.bytesPerState());
        st.put("collision_probability", s.collisionProbability());
        long rss = PeakRss.bytes();
        if (rss > 0) st.put("peak_rss_bytes", rss);
        if (expectedMissed != null) st.put("expected_missed_states", expectedMissed);
        o.put("statistics", st);
        List<Map<String, Object>> vs = new ArrayList<>();
        for (int i = 0; i < r.violations().size(); i++) {
            Violation<S, A> v = r.violations().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("property", v.property());
            m.put("statement", v.statement());
            m.put("length", v.trace().length());
            m.put("file", files.get(i).toString());
            m.put("trace", Json.trace(r.model(), v.trace()));
            vs.add(m);
        }
        o.put("violations", vs);
        if (r.failure() != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("error", String.valueOf(r.failure().error()));
            f.put("trace", Json.trace(r.model(), r.failure().trace()));
            o.put("model_error", f);
        }
        o.put("coverage", r.coverage().counts());
        o.put("never_fired", r.coverage().neverFired());
        o.put("vacuous", r.vacuous());
        if (r.model().symmetry() != null) o.put("symmetry", r.model().symmetry());
        Json.print(out, o);
    }
}
