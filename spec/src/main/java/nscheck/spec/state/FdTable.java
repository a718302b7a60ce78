package nscheck.spec.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A task's file descriptor table (struct files_struct) for the files the spec models: an fd is a
 * number naming an open file the task holds. Numbers 0-2 are the standard streams every task has
 * and the spec does not model, so the first file the spec opens is 3 (alloc_fd: the lowest free
 * number, fs/file.c). fork copies the table (dup_fd); the threads of a process share one, kept in
 * its leader's context (CLONE_FILES, rules/FilesRules, D5); exit closes it (exit_files);
 * close(2) frees the number for the next open. CLOEXEC is irrelevant: the spec has no execve.
 */
public final class FdTable {
    public static final int FIRST_FD = 3;
    public static final FdTable EMPTY = new FdTable(List.of());

    /** The file at index {@code fd - FIRST_FD}, or null for a free number. */
    private final List<OpenFile> files;

    private FdTable(List<OpenFile> files) {
        this.files = files;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The open file {@code fd} names, or null (EBADF). */
    public OpenFile get(int fd) {
        int i = fd - FIRST_FD;
        return i < 0 || i >= files.size() ? null : files.get(i);
    }

    /** The number {@link #opened} gives the next file: the lowest free one. */
    public int nextFd() {
        int i = 0;
        while (i < files.size() && files.get(i) != null) i++;
        return FIRST_FD + i;
    }

    /** fd_install at {@link #nextFd()}. */
    public FdTable opened(OpenFile f) {
        List<OpenFile> copy = new ArrayList<>(files);
        int i = nextFd() - FIRST_FD;
        if (i == copy.size()) copy.add(f);
        else copy.set(i, f);
        return new FdTable(java.util.Collections.unmodifiableList(copy));
    }

    /** close_fd: the number is free again; trailing free numbers are trimmed so equal tables are equal. */
    public FdTable closed(int fd) {
        if (get(fd) == null) return this;
        List<OpenFile> copy = new ArrayList<>(files);
        copy.set(fd - FIRST_FD, null);
        while (!copy.isEmpty() && copy.get(copy.size() - 1) == null) copy.remove(copy.size() - 1);
        return copy.isEmpty() ? EMPTY : new FdTable(java.util.Collections.unmodifiableList(copy));
    }

    /** Every open file, with its number, in number order. */
    public List<Integer> fds() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) if (files.get(i) != null) out.add(FIRST_FD + i);
        return out;
    }

    /** The table with {@code f} replaced by {@code g} wherever it is open (a struct pid losing its task). */
    FdTable replaced(OpenFile f, OpenFile g) {
        if (!files.contains(f)) return this;
        List<OpenFile> copy = new ArrayList<>(files);
        for (int i = 0; i < copy.size(); i++) if (f.equals(copy.get(i))) copy.set(i, g);
        return new FdTable(java.util.Collections.unmodifiableList(copy));
    }

    List<OpenFile> files() {
        return files;
    }

    void hashInto(StateHasher h) {
        h.add(files.size());
        for (OpenFile f : files) {
            if (f == null) h.add(-5);
            else f.hashInto(h);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof FdTable t && files.equals(t.files));
    }

    @Override
    public int hashCode() {
        return files.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("fds{");
        for (int fd : fds()) s.append(s.length() > 4 ? ", " : "").append(fd).append('=').append(get(fd));
        return s.append('}').toString();
    }
}
