package nscheck.checkers.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nscheck.checkers.engine.CheckResult;
import nscheck.checkers.engine.Statistics;
import nscheck.checkers.trace.Violation;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `check --json`: the result as one JSON object on stdout, for CI and scripts. */
final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    static void print(PrintWriter out, CheckResult<?, ?> r, List<Path> files) throws JsonProcessingException {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", r.model().name());
        o.put("variant", r.model().variant());
        o.put("bounds", r.model().bounds());
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
        o.put("statistics", st);
        List<Map<String, Object>> vs = new ArrayList<>();
        for (int i = 0; i < r.violations().size(); i++) {
            Violation<?, ?> v = r.violations().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("property", v.property());
            m.put("statement", v.statement());
            m.put("length", v.trace().length());
            m.put("file", files.get(i).toString());
            vs.add(m);
        }
        o.put("violations", vs);
        o.put("coverage", r.coverage().counts());
        o.put("never_fired", r.coverage().neverFired());
        o.put("vacuous", r.vacuous());
        out.println(JSON.writeValueAsString(o));
        out.flush();
    }
}
