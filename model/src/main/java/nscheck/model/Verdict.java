package nscheck.model;

/**
 * The result of evaluating a property once. VACUOUS means the property had nothing to say
 * (its premise was false: no namespace had lost its init, no task was orphaned): a property
 * that is vacuous in every state the search visited was never tested, and the checker warns.
 */
public enum Verdict {
    VACUOUS, HOLDS, VIOLATED;

    public static Verdict of(boolean holds) {
        return holds ? HOLDS : VIOLATED;
    }
}
