package nscheck.checkers.report;

import nscheck.checkers.engine.Progress;
import nscheck.checkers.engine.Statistics;

import java.util.ArrayList;
import java.util.List;

/**
 * Records a search's figures for its report, passing every progress report on: the states first
 * reached at each breadth-first level, and the distinct count over time (one sample per level and
 * per progress report; nothing per state).
 */
public final class RunFigures implements Progress {
    /** @param states distinct states first reached at {@code depth} */
    public record Level(int depth, long states) {}

    public record Sample(double seconds, long distinct) {}

    private final Progress inner;
    private final List<Level> levels = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();

    public RunFigures(Progress inner) {
        this.inner = inner;
    }

    @Override
    public synchronized void report(Statistics stats) {
        samples.add(new Sample(stats.seconds(), stats.distinct()));
        inner.report(stats);
    }

    @Override
    public synchronized void level(int depth, long states, Statistics sofar) {
        levels.add(new Level(depth, states));
        samples.add(new Sample(sofar.seconds(), sofar.distinct()));
        inner.level(depth, states, sofar);
    }

    @Override
    public void checkpoint(java.nio.file.Path directory) {
        inner.checkpoint(directory);
    }

    /** Adds the final figures (the search's own statistics at its end). */
    public synchronized void finish(Statistics end) {
        samples.add(new Sample(end.seconds(), end.distinct()));
    }

    public synchronized List<Level> levels() {
        return List.copyOf(levels);
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }
}
