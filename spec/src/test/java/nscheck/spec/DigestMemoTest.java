package nscheck.spec;

import nscheck.spec.call.Syscall;
import nscheck.spec.rules.Semantics;
import nscheck.spec.state.Kernel;
import nscheck.spec.state.Limits;
import nscheck.spec.state.StateHasher;
import nscheck.spec.variant.Mainline;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The digests the state memoises (StateHasher.memo): a memo is only a faster way to the same
 * fingerprint, so a state whose components carry digests from its history must hash as the same
 * state built afresh, and a memo field read half written must read as not computed.
 */
class DigestMemoTest {
    private final Semantics s = new Semantics(Mainline.INSTANCE, new Limits(6, 2, 10));

    @Test
    void aStoredDigestHasNoZeroHalfSoHalfAWriteReadsAsUnknown() {
        for (long v : new long[] {0, 1, -1, 1L << 32, 0xffff_ffffL, 0xffff_ffff_0000_0000L, 0x1234_5678_9abc_def0L}) {
            long m = StateHasher.memo(v);
            assertTrue(StateHasher.known(m), Long.toHexString(v));
            assertFalse(StateHasher.known(m & 0xffff_ffffL), "only the low half written");
            assertFalse(StateHasher.known(m & 0xffff_ffff_0000_0000L), "only the high half written");
        }
        assertFalse(StateHasher.known(0));
        assertEquals(0x1234_5678_9abc_def0L, StateHasher.memo(0x1234_5678_9abc_def0L), "a digest with no zero half is kept");
    }

    /** sigprocmask changes one task's context: the copy of the objects must not keep that context's old digest. */
    @Test
    void aContextChangedAfterHashingHashesAsTheSameStateBuiltAfresh() {
        SpecRun hashed = new SpecRun(s).withSharedWords(1);
        hashed.value(0, new Syscall.Clone(0));
        long before = hashed.k.fingerprint(); // every component's digest memoised now
        hashed.value(1, new Syscall.SigBlock());
        SpecRun fresh = new SpecRun(s).withSharedWords(1);
        fresh.value(0, new Syscall.Clone(0));
        fresh.value(1, new Syscall.SigBlock());
        assertEquals(fresh.k, hashed.k);
        assertEquals(fresh.k.fingerprint(), hashed.k.fingerprint());
        assertTrue(before != hashed.k.fingerprint(), "the mask is part of the state");
    }

    @Test
    void aCallThatChangesNothingReturnsTheKernelWithItsFingerprint() {
        SpecRun r = new SpecRun(s).withSharedWords(1);
        r.value(0, new Syscall.Clone(0));
        Kernel k = r.k;
        long f = k.fingerprint();
        r.value(1, new Syscall.GetPid());
        assertEquals(f, r.k.fingerprint());
        assertEquals(f, k.fingerprint(), "asked again, the memo answers the same");
    }
}
