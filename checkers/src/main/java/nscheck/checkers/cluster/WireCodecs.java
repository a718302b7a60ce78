package nscheck.checkers.cluster;

import nscheck.model.Model;
import nscheck.model.packed.PackedModelView;

/**
 * The one place that chooses how states travel. Packed models send their {@code long}; every
 * other model sends nothing but the path and each member replays it ({@link PathReplayCodec}).
 * A generic compact encoder of the spec's state (issue 14's StateCodec) replaces the second
 * branch here, and nowhere else, provided its bytes decode in another JVM (no per-JVM tables).
 */
public final class WireCodecs {
    private WireCodecs() {}

    @SuppressWarnings("unchecked")
    public static <S, A> WireCodec<S> forModel(Model<S, A> model) {
        if (model instanceof PackedModelView) return (WireCodec<S>) new PackedLongCodec();
        return new PathReplayCodec<>(model);
    }
}
