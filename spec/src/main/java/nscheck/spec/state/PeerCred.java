package nscheck.spec.state;

/**
 * Credentials captured on a Unix socket (sk_peer_pid, sk_peer_cred; net/unix/af_unix.c
 * init_peercred): at listen() for the listener, at connect() for the connecting side (C4).
 * SO_PEERCRED reports the pid translated at query time and the effective ids mapped.
 * Also the credentials an SCM_CREDENTIALS message carries (C1, C2): a pid reference and kernel ids.
 */
public record PeerCred(PidRef pid, int kuid, int kgid) {
    void hashInto(StateHasher h) {
        PidRef.hash(h, pid);
        h.add(kuid);
        h.add(kgid);
    }
}
