package nscheck.spec;

import nscheck.spec.state.Credentials;
import nscheck.spec.state.UserNamespace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How credentials change (kernel/cred.c, kernel/sys.c): setuid with CAP_SETUID moves every uid,
 * without it only the effective one; commit_creds makes a task non-dumpable when its effective
 * uid moves (K4) and keeps it dumpable otherwise; a new user namespace's creator holds every
 * capability there. A trace prints what differs from root in init_user_ns.
 */
class CredentialChangesTest {
    @Test
    void setuidMovesTheUidsAndDumpabilityFollowsTheEuid() {
        Credentials root = Credentials.ROOT;
        Credentials user = root.withUser(1000, false);
        assertEquals(new Credentials(UserNamespace.INIT, 1000, 1000, 0, false, false), user);
        Credentials same = root.withUser(0, true);
        assertTrue(same.dumpable(), "the euid did not move");
        assertTrue(same.caps());
        Credentials back = user.withEuid(1000);
        assertFalse(back.dumpable(), "once non-dumpable, stays so");
        Credentials d = new Credentials(UserNamespace.INIT, 5, 5, 0, false, true);
        assertTrue(d.withEuid(5).dumpable());
        assertFalse(d.withEuid(6).dumpable());
        assertEquals(5, d.withEuid(6).uid());
        assertEquals(6, d.withEuid(6).euid());
        assertTrue(d.inNewUserNs(3).caps());
        assertEquals(3, d.inNewUserNs(3).userNs());
        assertTrue(d.inNewUserNs(3).dumpable());
    }

    @Test
    void aTracePrintsWhatDiffersFromRoot() {
        assertEquals("uid=0", Credentials.ROOT.toString());
        assertEquals("uid=1000 nocaps nodump", Credentials.ROOT.withUser(1000, false).toString());
        assertEquals("uid=5/6@U2 nocaps", new Credentials(2, 5, 6, 0, false, true).toString());
    }
}
