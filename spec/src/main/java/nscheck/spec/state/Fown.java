package nscheck.spec.state;

/**
 * struct fown_struct of the model's pipe (fs/fcntl.c, A1): the owner async I/O signals go to,
 * recorded as a counted struct pid reference and how to read it (pid_type), the credentials of
 * whoever set it (f_modown: the caller's uid and euid, kuids; sigio_perm compares them with each
 * target's) and F_SETSIG's signal (0: plain SIGIO). Null in {@link KernelObjects} until the
 * first F_SETOWN, F_SETOWN_EX or F_SETSIG (file_f_owner_allocate: the file has none before).
 *
 * @param pid    the owner, null for none (F_SETOWN 0)
 * @param type   {@link #PIDTYPE_PID}, {@link #PIDTYPE_TGID} or {@link #PIDTYPE_PGID}
 */
public record Fown(PidRef pid, int type, int uid, int euid, int signum) {
    /** enum pid_type (include/linux/pid_types.h). */
    public static final int PIDTYPE_PID = 0, PIDTYPE_TGID = 1, PIDTYPE_PGID = 2;

    /** The owner no call has set yet: no pid, plain SIGIO. */
    public static final Fown NONE = new Fown(null, PIDTYPE_TGID, 0, 0, 0);

    /** f_modown: a new owner; the setter's ids are recorded only with a pid (a cleared owner keeps the old ones). */
    public Fown withOwner(PidRef newPid, int newType, int setterUid, int setterEuid) {
        return newPid == null ? new Fown(null, newType, uid, euid, signum) : new Fown(newPid, newType, setterUid, setterEuid, signum);
    }

    public Fown withSignum(int sig) {
        return new Fown(pid, type, uid, euid, sig);
    }

    void hashInto(StateHasher h) {
        PidRef.hash(h, pid);
        h.add(type);
        h.add(uid);
        h.add(euid);
        h.add(signum);
    }

    @Override
    public String toString() {
        String t = type == PIDTYPE_PID ? "tid" : type == PIDTYPE_PGID ? "pgrp" : "pid";
        return "f_owner{" + t + "=" + pid + ",uid=" + uid + (euid != uid ? "/" + euid : "") + (signum != 0 ? ",sig=" + signum : "") + "}";
    }
}
