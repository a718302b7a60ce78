package nscheck.model.kernel;

import nscheck.model.ModelException;
import nscheck.spec.CloneFlags;
import nscheck.spec.Signals;
import nscheck.spec.Syscall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns call family names from a model file into concrete calls. Arguments that are PIDs range
 * over every number a namespace can hand out (1 .. pid_max-1) and -1 where the call accepts it,
 * so the search tries stale, foreign and unused numbers as well as valid ones.
 */
public final class CallMenu {
    private CallMenu() {}

    /** Every family a model may name, with what it expands to. */
    public static final Map<String, String> FAMILIES = families();

    private static Map<String, String> families() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clone", "clone(0)");
        m.put("clone-newpid", "clone(CLONE_NEWPID)");
        m.put("clone-parent", "clone(CLONE_PARENT)");
        m.put("unshare-newpid", "unshare(CLONE_NEWPID)");
        m.put("setns", "setns(pidfd(pid), CLONE_NEWPID) for every pid");
        m.put("exit", "exit(0)");
        m.put("wait", "waitpid(-1)");
        m.put("waitpid", "waitpid(pid) for every pid");
        m.put("getpid", "getpid()");
        m.put("getppid", "getppid()");
        m.put("kill", "kill(pid, SIGKILL) for pid -1 and every pid");
        m.put("kill-term", "kill(pid, SIGTERM) for pid -1 and every pid");
        m.put("kill-probe", "kill(pid, 0) for every pid");
        m.put("ns-last-pid-read", "read /proc/sys/kernel/ns_last_pid");
        m.put("ns-last-pid-write", "write 0..pid_max to /proc/sys/kernel/ns_last_pid");
        m.put("subreaper", "prctl(PR_SET_CHILD_SUBREAPER, 1)");
        return m;
    }

    public static List<Syscall> expand(List<String> families, int pidMax) {
        List<Syscall> out = new ArrayList<>();
        for (String f : families) {
            switch (f) {
                case "clone" -> out.add(new Syscall.Clone(0));
                case "clone-newpid" -> out.add(new Syscall.Clone(CloneFlags.CLONE_NEWPID));
                case "clone-parent" -> out.add(new Syscall.Clone(CloneFlags.CLONE_PARENT));
                case "unshare-newpid" -> out.add(new Syscall.Unshare(CloneFlags.CLONE_NEWPID));
                case "setns" -> { for (int p = 1; p < pidMax; p++) out.add(new Syscall.Setns(p)); }
                case "exit" -> out.add(new Syscall.Exit(0));
                case "wait" -> out.add(new Syscall.Wait(-1));
                case "waitpid" -> { for (int p = 1; p < pidMax; p++) out.add(new Syscall.Wait(p)); }
                case "getpid" -> out.add(new Syscall.GetPid());
                case "getppid" -> out.add(new Syscall.GetPpid());
                case "kill" -> addKills(out, Signals.SIGKILL, pidMax, true);
                case "kill-term" -> addKills(out, Signals.SIGTERM, pidMax, true);
                case "kill-probe" -> addKills(out, 0, pidMax, false);
                case "ns-last-pid-read" -> out.add(new Syscall.ReadNsLastPid());
                case "ns-last-pid-write" -> { for (int v = 0; v <= pidMax; v++) out.add(new Syscall.WriteNsLastPid(v)); }
                case "subreaper" -> out.add(new Syscall.SetChildSubreaper());
                default -> throw new ModelException("unknown call family '" + f + "' (known: "
                        + String.join(", ", FAMILIES.keySet()) + ")");
            }
        }
        return List.copyOf(out);
    }

    private static void addKills(List<Syscall> out, int sig, int pidMax, boolean all) {
        if (all) out.add(new Syscall.Kill(-1, sig));
        for (int p = 1; p < pidMax; p++) out.add(new Syscall.Kill(p, sig));
    }
}
