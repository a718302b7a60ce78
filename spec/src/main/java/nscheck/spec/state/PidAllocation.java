package nscheck.spec.state;

import nscheck.spec.call.Errno;

/**
 * What alloc_pid produced: the new struct pid (one namespace and number per level, outermost
 * first) or an errno, and in both cases the kernel with its allocator cursors moved. A failed
 * allocation still moves cursors: the kernel frees the numbers, not the search position.
 */
public record PidAllocation(Kernel kernel, int[] upidNs, int[] upidNr, Errno errno) {
    public static PidAllocation failed(Kernel kernel, Errno errno) {
        return new PidAllocation(kernel, null, null, errno);
    }

    public boolean ok() {
        return errno == null;
    }
}
