package nscheck.model.restore;

import nscheck.spec.call.Observation;
import nscheck.spec.restore.Restore;
import nscheck.spec.call.Syscall;

/**
 * One step on the target host: a task's call ({@code call} non-null), or the whole restore
 * ({@code restore} non-null), which CRIU runs as a sequence of calls with no other task in between.
 *
 * @param room the target had, before the restore, a free task slot and a free host PID for every task of the image
 */
record RestoreStep(int actor, String family, Syscall call, Observation result, Restore.Result restore, boolean room) {}
