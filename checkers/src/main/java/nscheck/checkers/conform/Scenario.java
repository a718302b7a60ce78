package nscheck.checkers.conform;

import nscheck.spec.call.Syscall;

import java.util.List;

/**
 * One conformance scenario: calls made by actors, in order, from a booted kernel whose root init
 * is actor 0. Actors are the spec's task slots; on the kernel each is a process the probe drives.
 *
 * @param area  the area it exercises (the model it was generated from), for the report
 * @param words how many shared futex words the actors map (0 outside the futex area)
 * @param steps the calls, in the order the probe runs them
 */
public record Scenario(String area, int words, List<Step> steps) {
    /** Actor {@code actor} (a spec task slot) makes {@code call}. */
    public record Step(int actor, Syscall call) {
        @Override public String toString() { return "T" + actor + " " + call; }
    }

    public Scenario {
        steps = List.copyOf(steps);
    }

    public Scenario withSteps(List<Step> newSteps) {
        return new Scenario(area, words, newSteps);
    }
}
