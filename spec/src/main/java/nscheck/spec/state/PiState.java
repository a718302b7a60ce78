package nscheck.spec.state;

/**
 * struct futex_pi_state (kernel/futex/pi.c): the kernel's idea of who owns a PI futex, which
 * exists while some task waits on the word. The owner is a task, not a number: it is the user-space
 * word that holds numbers, each read in the namespace of whoever reads it (F6).
 *
 * @param word  index of the word in {@link SharedMemory}
 * @param owner slot of the owning task, {@link #NO_OWNER} after exit_pi_state_list (the owner died)
 */
public record PiState(int word, int owner) {
    public static final int NO_OWNER = -1;

    public PiState withOwner(int slot) {
        return new PiState(word, slot);
    }
}
