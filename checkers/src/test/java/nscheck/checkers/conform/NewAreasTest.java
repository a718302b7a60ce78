package nscheck.checkers.conform;

import nscheck.spec.state.Limits;
import nscheck.spec.variant.Mainline;
import nscheck.spec.rules.Semantics;
import nscheck.spec.call.Syscall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clone3 and futex-threads areas reach what they claim within the CI suite's 40 scenarios
 * (on the spec's side: ConformanceTest runs every area on the kernel).
 */
class NewAreasTest {
    private static final int PID_MAX = 4194304;
    private static final Semantics KERNEL_LIKE = new Semantics(Mainline.INSTANCE, new Limits(24, Limits.MAX_PID_NS_LEVEL - 1, PID_MAX));

    private static List<Scenario> forty(String area) {
        ScenarioGenerator gen = new ScenarioGenerator(KERNEL_LIKE, Area.named(area, PID_MAX));
        Random random = new Random(1 ^ area.hashCode());
        Set<Scenario> unique = new java.util.LinkedHashSet<>(gen.breadthFirst(3, 20, random));
        unique.addAll(gen.randomWalks(10, 40 - unique.size(), random));
        return new ArrayList<>(unique);
    }

    @Test
    void clone3ReachesSuccessesAtSeveralLevelsAndEveryErrorCase() {
        Set<String> seen = new HashSet<>();
        for (Scenario s : forty("clone3")) {
            Prediction p = SpecReplay.predict(KERNEL_LIKE, s);
            for (int i = 0; i < s.steps().size(); i++) {
                if (!(s.steps().get(i).call() instanceof Syscall.Clone3 c)) continue;
                String r = p.steps().get(i).result();
                seen.add(r.startsWith("= -1") ? r : "ok " + c.setTid().size() + " levels");
            }
        }
        for (String want : List.of("ok 1 levels", "ok 2 levels", "= -1 EEXIST", "= -1 EINVAL", "= -1 EPERM"))
            assertTrue(seen.contains(want), want + " in " + seen);
    }

    @Test
    void futexThreadsReachesPiAcrossNamespacesAndAnOwnersDeath() {
        Set<String> families = new HashSet<>();
        boolean ownerDied = false;
        for (Scenario s : forty("futex-threads")) {
            Prediction p = SpecReplay.predict(KERNEL_LIKE, s);
            for (int i = 0; i < s.steps().size(); i++) {
                families.add(s.steps().get(i).call().family());
                String w = p.steps().get(i).words();
                // FUTEX_OWNER_DIED (0x40000000) set in the word: a holder died and the kernel handed the lock on
                if (w != null && (Long.parseLong(w) & 0x40000000L) != 0) ownerDied = true;
            }
        }
        assertTrue(families.containsAll(List.of("futex-lock-pi", "futex-unlock-pi", "futex-trylock-pi", "futex-return", "clone-thread", "exit")), families.toString());
        assertTrue(ownerDied, "an owner's death hands the PI lock on with FUTEX_OWNER_DIED");
    }

    /** Whether any word of a step's words line has FUTEX_OWNER_DIED (0x40000000). */
    private static boolean ownerDied(String words) {
        if (words == null) return false;
        for (String w : words.split(" ")) if ((Long.parseLong(w) & 0x40000000L) != 0) return true;
        return false;
    }

    @Test
    void futexRobustReachesAnOwnersDeathThroughItsRobustList() {
        boolean markedAtExit = false, pendingWake = false;
        Set<String> families = new HashSet<>();
        for (Scenario s : forty("futex-robust")) {
            Prediction p = SpecReplay.predict(KERNEL_LIKE, s);
            for (int i = 1; i < s.steps().size(); i++) {
                Syscall c = s.steps().get(i).call();
                families.add(c.family());
                // exit_robust_list marks the word at the death itself, before any waiter runs
                if (c instanceof Syscall.Exit && !ownerDied(p.steps().get(i - 1).words()) && ownerDied(p.steps().get(i).words())) markedAtExit = true;
                // a FUTEX_WAIT sleeper returns 0 after a death: woken by handle_futex_death
                if (c instanceof Syscall.FutexReturn && i >= 1 && s.steps().get(i - 1).call() instanceof Syscall.Exit) pendingWake = true;
            }
        }
        assertTrue(families.containsAll(List.of("set-robust-list", "futex-lock-pi", "futex-wait", "futex-return", "exit")), families.toString());
        assertTrue(markedAtExit, "a robust entry's owner dies and its word gains FUTEX_OWNER_DIED");
        assertTrue(pendingWake, "a death wakes a waiter");
    }

    @Test
    void sigqueueinfoReachesForgedReadsFromVisibleAndInvisibleSendersAndEveryEperm() {
        Set<String> seen = new HashSet<>();
        for (Scenario s : forty("sigqueueinfo")) {
            nscheck.spec.state.Kernel k = SpecReplay.initial(KERNEL_LIKE, s.words());
            for (Scenario.Step st : s.steps()) {
                var o = SpecReplay.single(KERNEL_LIKE, k, st);
                if (st.call() instanceof Syscall.RtSigqueueinfo q && o.observation().failed())
                    seen.add(nscheck.spec.call.SiCode.name(q.code()) + " " + o.observation());
                if (st.call() instanceof Syscall.Sigwaitinfo w && !w.uid()) {
                    var pending = k.objects().context(st.actor()).pending();
                    if (!pending.isEmpty() && pending.get(0).claimedPid() >= 0)
                        seen.add(o.observation().value() == 0 ? "forged read as 0" : "forged read as written");
                }
                k = o.next();
            }
        }
        for (String want : List.of("SI_USER = -1 EPERM", "SI_TKILL = -1 EPERM", "forged read as written", "forged read as 0"))
            assertTrue(seen.contains(want), want + " in " + seen);
    }

    /** The socket areas reach every answer of a closed or wrong end (C5), a thread's close (D5) and uids across user namespaces. */
    @Test
    void socketAreasReachClosedEndsSharedTablesAndForeignUids() {
        Set<String> seen = new java.util.TreeSet<>();
        for (String area : List.of("creds", "sockets"))
            for (Scenario s : forty(area)) {
                Prediction p = SpecReplay.predict(KERNEL_LIKE, s);
                for (int i = 0; i < s.steps().size(); i++) {
                    Syscall c = s.steps().get(i).call();
                    String r = p.steps().get(i).result();
                    boolean socketCall = c instanceof Syscall.Send || c instanceof Syscall.SendCreds || c instanceof Syscall.RecvCreds || c instanceof Syscall.PeerCredQuery;
                    if (socketCall && r.startsWith("= -1")) seen.add(r);
                    if (c instanceof Syscall.RecvCreds rc && rc.uid() && r.equals("= 65534")) seen.add("uid 65534");
                    if (c instanceof Syscall.PeerCredQuery q && q.uid() && r.equals("= 65534")) seen.add("peer uid 65534");
                    if (c instanceof nscheck.spec.call.FdCalls.Close && s.steps().get(i).actor() > 1) seen.add("close by " + c.family());
                }
            }
        for (String want : List.of("= -1 EBADF", "= -1 ENOTSOCK", "= -1 EPIPE", "= -1 ECONNREFUSED", "= -1 EAGAIN", "= -1", "peer uid 65534"))
            assertTrue(seen.contains(want), want + " in " + seen);
    }
}
