package nscheck.spec.call;

import nscheck.spec.state.Kernel;

/** One possible result of a call: the next kernel state and what the caller observed. */
public record Outcome(Kernel next, Observation observation) {}
