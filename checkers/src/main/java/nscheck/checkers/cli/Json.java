package nscheck.checkers.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nscheck.checkers.trace.Trace;
import nscheck.model.Model;
import nscheck.model.TraceStep;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON every `--json` prints: one document on stdout, keys in snake_case, schemas in nscheck/schema/. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static void print(PrintWriter out, Object document) {
        try {
            out.println(MAPPER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** A trace as the counterexample files hold it: the initial state, one object per step, the final state. */
    static <S, A> Map<String, Object> trace(Model<S, A> m, Trace<S, A> t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("initial", m.describeState(t.initial()));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Trace.Step<S, A> s : t.steps()) steps.add(step(m.describe(s.pre(), s.action(), s.post())));
        o.put("steps", steps);
        o.put("final", m.describeState(t.last()));
        return o;
    }

    static Map<String, Object> step(TraceStep d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("actor", d.actor());
        o.put("actor_detail", d.actorDetail());
        o.put("call", d.call());
        o.put("args", d.args());
        o.put("text", d.text());
        o.put("observation", d.observation());
        return o;
    }

    static Map<String, Object> model(Model<?, ?> m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", m.name());
        o.put("variant", m.variant());
        o.put("bounds", m.bounds());
        return o;
    }
}
