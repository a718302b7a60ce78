package nscheck.model;

/**
 * A named property with a one-line statement. {@link Always} is checked on every reachable
 * state; {@link AlwaysStep} on every transition (it sees what a call returned, which no state
 * records).
 */
public sealed interface Property<S, A> permits Property.Always, Property.AlwaysStep {
    String name();

    String statement();

    @FunctionalInterface
    interface StateCheck<S> {
        Verdict check(S state);
    }

    @FunctionalInterface
    interface StepCheck<S, A> {
        Verdict check(S pre, A action, S post);
    }

    record Always<S, A>(String name, String statement, StateCheck<S> check) implements Property<S, A> {}

    record AlwaysStep<S, A>(String name, String statement, StepCheck<S, A> check) implements Property<S, A> {}
}
