package nscheck.model.restore;

import nscheck.model.ModelCatalog;
import nscheck.model.Transition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The restore model built and stepped by hand, for the tests that judge its single steps. */
final class RestoreTransitions {
    private RestoreTransitions() {}

    static RestoreModel model(Map<String, Integer> bounds, String variant) {
        return (RestoreModel) ModelCatalog.find("restore-migration").build(bounds, variant);
    }

    static List<Transition<RestoreState, RestoreStep>> successors(RestoreModel m, RestoreState s) {
        List<Transition<RestoreState, RestoreStep>> out = new ArrayList<>();
        m.successors(s, out::add);
        return out;
    }

    /** The first step of the given call family from s; a test that expects one fails without it. */
    static Transition<RestoreState, RestoreStep> first(RestoreModel m, RestoreState s, String family) {
        for (var t : successors(m, s)) if (t.action().family().equals(family)) return t;
        throw new AssertionError("no " + family + " from " + m.describeState(s));
    }
}
