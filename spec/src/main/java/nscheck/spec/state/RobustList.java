package nscheck.spec.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread's robust futex list as the kernel walks it at exit (set_robust_list, F5): the futex
 * words the thread holds, each marked PI or not (bit 0 of the entry pointer), and the entry it is
 * about to lock or unlock (list_op_pending). The list lives in user memory; the spec keeps only
 * what exit_robust_list would read.
 *
 * @param words     held words, in list order
 * @param pi        for each held word, whether it is a PI futex
 * @param pending   list_op_pending: a word index, or -1
 * @param pendingPi whether the pending entry is a PI futex
 */
public record RobustList(List<Integer> words, List<Boolean> pi, int pending, boolean pendingPi) {
    public static final RobustList EMPTY = new RobustList(List.of(), List.of(), -1, false);

    public RobustList {
        words = List.copyOf(words);
        pi = List.copyOf(pi);
    }

    public boolean isEmpty() {
        return words.isEmpty() && pending < 0;
    }

    /** The user-space lock path: enqueue the acquired word and clear list_op_pending. */
    public RobustList add(int word, boolean isPi) {
        List<Integer> w = new ArrayList<>(words);
        List<Boolean> p = new ArrayList<>(pi);
        w.add(word);
        p.add(isPi);
        return new RobustList(w, p, -1, false);
    }

    /** The user-space unlock path: dequeue the word before releasing it. */
    public RobustList remove(int word) {
        List<Integer> w = new ArrayList<>(words);
        List<Boolean> p = new ArrayList<>(pi);
        int i = w.indexOf(word);
        if (i >= 0) {
            w.remove(i);
            p.remove(i);
        }
        return new RobustList(w, p, pending, pendingPi);
    }

    public RobustList withPending(int word, boolean isPi) {
        return new RobustList(words, pi, word, isPi);
    }

    void hashInto(StateHasher h) {
        h.add(words.size());
        for (int i = 0; i < words.size(); i++) h.add(words.get(i) * 2L + (pi.get(i) ? 1 : 0));
        h.add(pending * 2L + (pendingPi ? 1 : 0));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("robust[");
        for (int i = 0; i < words.size(); i++) s.append(i > 0 ? " " : "").append('w').append(words.get(i)).append(pi.get(i) ? "pi" : "");
        if (pending >= 0) s.append(words.isEmpty() ? "" : " ").append("pending w").append(pending);
        return s.append(']').toString();
    }
}
