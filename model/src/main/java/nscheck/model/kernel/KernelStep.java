package nscheck.model.kernel;

import nscheck.spec.call.Observation;
import nscheck.spec.call.Syscall;

/** A step of a kernel model: task {@code actor} made {@code call} and observed {@code result}. */
public record KernelStep(int actor, Syscall call, Observation result) {}
