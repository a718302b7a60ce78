package nscheck.spec.rules;

import nscheck.spec.state.Credentials;
import nscheck.spec.state.KernelObjects;
import nscheck.spec.state.UserNamespace;

/** security/commoncap.c: whether credentials hold their capabilities in a user namespace. */
final class CapabilityRules {
    private CapabilityRules() {}

    /**
     * cap_capable: does a task with {@code c} hold its capabilities in user namespace {@code target}?
     * Yes in its own namespace if it has them; in a descendant if it is that namespace's owner
     * (or the owner of one between) and the namespace's parent is its own.
     */
    static boolean capable(KernelObjects o, Credentials c, int target) {
        for (int ns = target, hops = 0; ns >= 0 && hops <= o.userNsSlots(); hops++) {
            if (ns == c.userNs()) return c.caps();
            UserNamespace n = o.userNs(ns);
            if (n.level() <= o.userNs(c.userNs()).level()) return false;
            if (n.parent() == c.userNs() && n.owner() == c.euid()) return true;
            ns = n.parent();
        }
        return false;
    }
}
