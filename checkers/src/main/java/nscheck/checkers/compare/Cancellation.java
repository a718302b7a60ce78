package nscheck.checkers.compare;

import nscheck.checkers.engine.Engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stop request for a comparison (Ctrl-C): running searches stop where they are and runs not yet
 * started are skipped, so the matrix comes back with those cells incomplete and every verdict
 * already found kept.
 */
public final class Cancellation {
    private final Set<Engine<?, ?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean requested;

    public void request() {
        requested = true;
        running.forEach(Engine::requestStop);
    }

    public boolean requested() {
        return requested;
    }

    void started(Engine<?, ?> e) {
        running.add(e);
        if (requested) e.requestStop();
    }

    void finished(Engine<?, ?> e) {
        running.remove(e);
    }
}
