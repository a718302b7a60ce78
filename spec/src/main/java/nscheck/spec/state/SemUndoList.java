package nscheck.spec.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A sem_undo_list (ipc/sem.c): shared by the tasks cloned with CLONE_SYSVSEM (I7), applied by
 * the last of them to exit or unshare (I8, I9). Each entry is a struct sem_undo: the semid and
 * its semadj. {@code ipcNs} in an entry is ground truth only (the kernel keeps just the id and
 * looks it up in the exiting task's current IPC namespace), so the invariant can tell whether
 * undo reaches the namespace the operation was made in.
 */
public record SemUndoList(List<Entry> entries) {
    public record Entry(int ipcNs, int semid, int semadj) {}

    public static final SemUndoList EMPTY = new SemUndoList(List.of());

    public Entry entry(int semid) {
        for (Entry e : entries) if (e.semid() == semid) return e;
        return null;
    }

    /** The list with the entry for {@code semid} replaced (semadj 0 entries are kept, as the kernel does). */
    public SemUndoList with(Entry entry) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (e.semid() != entry.semid()) out.add(e);
        out.add(entry);
        out.sort((a, b) -> Integer.compare(a.semid(), b.semid()));
        return new SemUndoList(List.copyOf(out));
    }

    /** freeary (IPC_RMID): the set's undo entries are unlinked from every list (I6). */
    public SemUndoList without(int ipcNs, int semid) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (!(e.ipcNs() == ipcNs && e.semid() == semid)) out.add(e);
        return new SemUndoList(List.copyOf(out));
    }

    void hashInto(StateHasher h) {
        h.add(entries.size());
        for (Entry e : entries) {
            h.add(e.ipcNs());
            h.add(e.semid());
            h.add(e.semadj());
        }
    }
}
