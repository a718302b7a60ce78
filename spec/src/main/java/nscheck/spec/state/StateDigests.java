package nscheck.spec.state;

/**
 * The fingerprints of {@link Kernel} and {@link KernelObjects}, from their fields. Every component
 * is hashed once and most by the digest it memoises (a task, the shared memory, the kernel
 * objects, each task's context): a successor shares every component its step did not change, and
 * a shared component is not hashed again. Each word added to a {@link StateHasher} is a chain of
 * dependent multiplies, so the cost of a fingerprint is the number of words it adds.
 */
final class StateDigests {
    private StateDigests() {}

    static long kernel(PidNamespace[] namespaces, Task[] tasks, SharedMemory memory, KernelObjects objects, Kthreads kthreads, NsNames names) {
        StateHasher h = new StateHasher();
        h.add(namespaces.length);
        for (PidNamespace n : namespaces) {
            if (n == null) h.add(-7);
            else n.hashInto(h);
        }
        h.add(tasks.length);
        for (Task t : tasks) {
            if (t == null) h.add(-9);
            else t.hashInto(h);
        }
        memory.hashInto(h);
        objects.hashInto(h);
        if (kthreads.count() > 0) kthreads.hashInto(h); // none booted: nothing added
        if (names != null) names.hashInto(h); // likewise
        return StateHasher.memo(h.value());
    }

    /** Each context's digest: {@code known}'s where it has one, computed for the rest (a new array; {@code known} is never written). */
    static long[] contexts(TaskContext[] contexts, long[] known) {
        boolean complete = known != null;
        for (int i = 0; complete && i < contexts.length; i++) if (contexts[i] != null && !StateHasher.known(known[i])) complete = false;
        if (complete) return known;
        long[] filled = known == null ? new long[contexts.length] : known.clone();
        for (int i = 0; i < contexts.length; i++) {
            if (contexts[i] == null || StateHasher.known(filled[i])) continue;
            StateHasher h = new StateHasher();
            contexts[i].hashInto(h);
            filled[i] = StateHasher.memo(h.value());
        }
        return filled;
    }

    static long objects(TaskContext[] contexts, long[] contextDigests, UserNamespace[] userNs, IpcNamespace[] ipcNs,
                        SemUndoList[] undoLists, UnixSockets socket, UCounts ucounts, Fown fown) {
        StateHasher h = new StateHasher();
        // Boot-time namespaces, no undo lists and no socket (every PID-only model): only the contexts and counts vary.
        if (userNs.length == 1 && ipcNs.length == 1 && undoLists.length == 0 && socket == null && fown == null
                && userNs[0].equals(UserNamespace.INIT_USER_NS) && ipcNs[0].equals(IpcNamespace.INIT_IPC_NS)) {
            h.add(-13);
            for (int i = 0; i < contexts.length; i++) h.add(contexts[i] == null ? -11 : contextDigests[i]);
            ucounts.hashInto(h);
            return StateHasher.memo(h.value());
        }
        h.add(contexts.length);
        for (int i = 0; i < contexts.length; i++) h.add(contexts[i] == null ? -11 : contextDigests[i]);
        h.add(userNs.length);
        for (UserNamespace u : userNs) {
            if (u == null) h.add(-11);
            else u.hashInto(h);
        }
        h.add(ipcNs.length);
        for (IpcNamespace n : ipcNs) {
            if (n == null) h.add(-11);
            else n.hashInto(h);
        }
        h.add(undoLists.length);
        for (SemUndoList l : undoLists) {
            if (l == null) h.add(-11);
            else l.hashInto(h);
        }
        if (socket == null) h.add(-11);
        else socket.hashInto(h);
        ucounts.hashInto(h);
        if (fown != null) fown.hashInto(h);
        return StateHasher.memo(h.value());
    }
}
