package nscheck.spec;

import nscheck.spec.call.Syscall;
import nscheck.spec.rules.CapabilityRules;
import nscheck.spec.state.Credentials;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static nscheck.spec.call.CloneFlags.CLONE_NEWUSER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * security/commoncap.c cap_capable (capabilities(7), user_namespaces(7)): a task has its
 * capabilities in its own user namespace if it holds them; in a descendant if it owns it (the
 * namespace's parent is the task's and its owner the task's euid) or holds them in the
 * namespace's parent chain; never in an ancestor or a sibling.
 */
class CapCapableTest {
    @Test
    void capabilitiesReachDownTheOwnersNamespacesOnly() {
        SpecRun r = new SpecRun(Mainline.INSTANCE);
        r.pid(0, new Syscall.Clone(0));                 // T1 = 2, root
        r.pid(0, new Syscall.Clone(0));                 // T2 = 3, root
        r.call(1, new Syscall.Setuid(1000));            // T1 drops its capabilities
        r.pid(1, new Syscall.Clone(0));                 // T3 = 4, uid 1000
        r.call(3, new Syscall.Unshare(CLONE_NEWUSER));  // U, owned by kuid 1000
        r.call(2, new Syscall.Unshare(CLONE_NEWUSER));  // V, owned by root: U's sibling
        KernelObjects o = r.k.objects();
        Credentials root = o.context(0).cred(), user = o.context(1).cred(), inU = o.context(3).cred(), inV = o.context(2).cred();
        int init = root.userNs(), u = inU.userNs(), v = inV.userNs();
        assertNotEquals(u, v);

        assertTrue(CapabilityRules.capable(o, root, init), "root in its own namespace");
        assertFalse(CapabilityRules.capable(o, user, init), "uid 1000 has none left");
        assertTrue(CapabilityRules.capable(o, user, u), "the owner of U, from U's parent");
        assertFalse(CapabilityRules.capable(o, user, v), "not the owner of V");
        assertTrue(CapabilityRules.capable(o, root, v), "root's capabilities in V's parent reach V");
        assertTrue(CapabilityRules.capable(o, root, u));
        assertTrue(CapabilityRules.capable(o, inU, u), "a new namespace's creator holds every capability in it");
        assertFalse(CapabilityRules.capable(o, inU, init), "never in an ancestor");
        assertFalse(CapabilityRules.capable(o, inU, v), "never in a sibling");
        assertEquals(1000, o.userNs(u).owner());
    }
}
