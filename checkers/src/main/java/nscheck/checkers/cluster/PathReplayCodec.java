package nscheck.checkers.cluster;

import nscheck.model.Model;
import nscheck.model.Transition;

/**
 * A state sent as its path alone: the receiving member replays the choices from the initial
 * state (Model#successors is deterministic, the same contract trace files rely on). Correct for
 * every model without knowing its state's classes, at the cost of one successor computation per
 * step of the path when a state lands.
 */
final class PathReplayCodec<S, A> implements WireCodec<S> {
    private static final byte[] NOTHING = new byte[0];
    private final Model<S, A> model;

    PathReplayCodec(Model<S, A> model) {
        this.model = model;
    }

    @Override
    public byte[] encode(S state) {
        return NOTHING;
    }

    @Override
    public S decode(byte[] bytes, int[] path) {
        S s = model.initialStates().get(path[0]);
        for (int i = 1; i < path.length; i++) s = nth(s, path[i]);
        return s;
    }

    /**
     * Paths in lexicographic order share prefixes with their predecessor: the states along the
     * previous path are kept, so each state costs only the steps after the common prefix (the
     * size of the BFS tree spanned by the level, not the level times its depth).
     */
    @Override
    public java.util.List<S> decodeAll(java.util.List<byte[]> bytes, java.util.List<int[]> paths) {
        java.util.List<S> out = new java.util.ArrayList<>(paths.size());
        int[] prev = new int[0];
        java.util.List<S> along = new java.util.ArrayList<>();
        for (int[] path : paths) {
            int common = 0;
            while (common < prev.length && common < path.length && prev[common] == path[common]) common++;
            while (along.size() > common) along.remove(along.size() - 1);
            if (along.isEmpty()) along.add(model.initialStates().get(path[0]));
            for (int i = along.size(); i < path.length; i++) along.add(nth(along.get(i - 1), path[i]));
            out.add(along.get(path.length - 1));
            prev = path;
        }
        return out;
    }

    private S nth(S state, int index) {
        Object[] found = new Object[1];
        int[] seen = new int[1];
        model.successors(state, (Transition<S, A> t) -> {
            if (seen[0]++ == index) found[0] = t.next();
        });
        if (found[0] == null)
            throw new IllegalStateException("model is not deterministic: transition " + index + " of " + seen[0] + " is gone");
        @SuppressWarnings("unchecked")
        S next = (S) found[0];
        return next;
    }

    @Override
    public String describe() {
        return "path only (each member replays it)";
    }
}
