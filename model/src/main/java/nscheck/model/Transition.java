package nscheck.model;

/** One step out of a state: what happened and the state it led to. */
public record Transition<S, A>(A action, S next) {}
