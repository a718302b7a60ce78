package nscheck.spec;

import nscheck.spec.call.CloneFlags;
import nscheck.spec.call.Errno;
import nscheck.spec.call.Observation;
import nscheck.spec.call.SiCode;
import nscheck.spec.call.Signals;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The names of call arguments (clone flags, signals, si_codes) as scenario files write them and
 * traces print them: each name reads back as the number it was printed from, and the numbers are
 * the kernel's (include/uapi/linux/sched.h, asm/signal.h, asm-generic/siginfo.h, errno.h).
 */
class CallArgumentsTest {
    @Test
    void cloneFlagsPrintAndParseBack() {
        int[] all = {CloneFlags.CLONE_PARENT, CloneFlags.CLONE_THREAD, CloneFlags.CLONE_NEWPID, CloneFlags.CLONE_SYSVSEM,
                CloneFlags.CLONE_NEWIPC, CloneFlags.CLONE_NEWUSER};
        for (int mask = 0; mask < 1 << all.length; mask++) {
            int flags = 0;
            for (int i = 0; i < all.length; i++) if ((mask & 1 << i) != 0) flags |= all[i];
            assertEquals(flags, CloneFlags.parse(CloneFlags.describe(flags)), CloneFlags.describe(flags));
        }
        assertEquals("0", CloneFlags.describe(0));
        assertEquals("CLONE_PARENT|CLONE_THREAD|CLONE_NEWPID|CLONE_SYSVSEM|CLONE_NEWIPC|CLONE_NEWUSER",
                CloneFlags.describe(CloneFlags.parse("CLONE_NEWUSER | CLONE_NEWIPC|CLONE_SYSVSEM|CLONE_NEWPID|CLONE_THREAD|CLONE_PARENT")));
        assertEquals(0x20000000 | 0x10000000, CloneFlags.parse("CLONE_NEWPID|CLONE_NEWUSER"));
        assertEquals(0x00008000, CloneFlags.CLONE_PARENT);
        assertEquals(0x00010000, CloneFlags.CLONE_THREAD);
        assertEquals(0x00040000, CloneFlags.CLONE_SYSVSEM);
        assertEquals(0x08000000, CloneFlags.CLONE_NEWIPC);
        assertTrue(CloneFlags.has(CloneFlags.CLONE_NEWPID | CloneFlags.CLONE_THREAD, CloneFlags.CLONE_THREAD));
        assertFalse(CloneFlags.has(CloneFlags.CLONE_NEWPID, CloneFlags.CLONE_THREAD));
        assertThrows(IllegalArgumentException.class, () -> CloneFlags.parse("CLONE_VM"));
    }

    @Test
    void signalNamesPrintAndParseBack() {
        int[] named = {0, Signals.SIGHUP, Signals.SIGKILL, Signals.SIGUSR1, Signals.SIGUSR2, Signals.SIGTERM,
                Signals.SIGCHLD, Signals.SIGCONT, Signals.SIGSTOP, Signals.SIGIO};
        int[] numbers = {0, 1, 9, 10, 12, 15, 17, 18, 19, 29};
        for (int i = 0; i < named.length; i++) {
            assertEquals(numbers[i], named[i]);
            assertEquals(named[i], Signals.parse(Signals.name(named[i])));
        }
        assertEquals("SIGSTOP", Signals.name(19));
        assertEquals("SIGCONT", Signals.name(18));
        assertEquals("SIG40", Signals.name(40));
        assertThrows(IllegalArgumentException.class, () -> Signals.parse("SIG40"));
        assertEquals(64, Signals.NSIG);
        assertEquals(1L, Signals.bit(Signals.SIGHUP));
        assertEquals(1L << 63, Signals.bit(64));
    }

    @Test
    void defaultActionsAreSignal7s() {
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            boolean term = sig == Signals.SIGKILL || sig == Signals.SIGTERM || sig == Signals.SIGHUP || sig == Signals.SIGUSR2;
            assertEquals(term, Signals.fatalByDefault(sig), Signals.name(sig));
            assertEquals(sig == Signals.SIGKILL || sig == Signals.SIGSTOP, Signals.kernelOnly(sig), Signals.name(sig));
            assertEquals(sig == Signals.SIGCHLD, Signals.ignoredByDefault(sig), Signals.name(sig));
        }
    }

    @Test
    void siCodesPrintAndParseBackAndOnlyTheKernelsGoToSelf() {
        for (int code : SiCode.ALL) assertEquals(code, SiCode.parse(SiCode.name(code)));
        assertEquals("SI_USER", SiCode.name(0));
        assertEquals("SI_QUEUE", SiCode.name(-1));
        assertEquals("SI_MESGQ", SiCode.name(-3));
        assertEquals("SI_TKILL", SiCode.name(-6));
        assertEquals("-2", SiCode.name(-2));
        assertThrows(IllegalArgumentException.class, () -> SiCode.parse("-2"));
        // do_rt_sigqueueinfo: si_code >= 0 (kernel made) or SI_TKILL only to oneself
        assertTrue(SiCode.onlyToSelf(SiCode.SI_USER));
        assertTrue(SiCode.onlyToSelf(1));
        assertTrue(SiCode.onlyToSelf(SiCode.SI_TKILL));
        assertFalse(SiCode.onlyToSelf(SiCode.SI_QUEUE));
        assertFalse(SiCode.onlyToSelf(SiCode.SI_MESGQ));
    }

    @Test
    void errnoNumbersAreLinuxs() {
        assertEquals(1, Errno.EPERM.number);
        assertEquals(3, Errno.ESRCH.number);
        assertEquals(10, Errno.ECHILD.number);
        assertEquals(11, Errno.EAGAIN.number);
        assertEquals(22, Errno.EINVAL.number);
        assertEquals(38, Errno.ENOSYS.number);
        assertEquals(130, Errno.EOWNERDEAD.number);
    }

    @Test
    void observationsPrintAsStraceDoes() {
        assertEquals("= 3", Observation.value(3).toString());
        assertEquals("= 0", Observation.value(0).toString());
        assertEquals(Observation.ZERO, Observation.value(0));
        assertEquals("= -1 ESRCH", Observation.error(Errno.ESRCH).toString());
        assertTrue(Observation.error(Errno.ESRCH).failed());
        assertFalse(Observation.value(-1).failed());
        assertEquals("= ?", Observation.NO_RETURN.toString());
        assertEquals("<unfinished ...>", Observation.BLOCKED.toString());
        assertEquals(4, Observation.pid(7, 4).about());
        assertEquals(Observation.NOBODY, Observation.value(7).about());
    }
}
