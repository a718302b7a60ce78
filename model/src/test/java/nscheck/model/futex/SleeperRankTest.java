package nscheck.model.futex;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SleeperRankTest {
    /** Every order of {@code members} as 4-bit ids from the head. */
    private static List<Long> orders(int members) {
        List<Long> out = new ArrayList<>();
        if (members == 0) {
            out.add(0L);
            return out;
        }
        for (int m = members; m != 0; m &= m - 1) {
            int t = Integer.numberOfTrailingZeros(m);
            for (long rest : orders(members & ~(1 << t))) out.add(t | rest << 4);
        }
        return out;
    }

    @Test
    void everyOrderOfTheSleepersHasItsOwnRankBelowKFactorialAndComesBack() {
        for (int members : new int[] {0, 1, 0b101, 0b1011, 0b110110, 0b10000001101, 0b1111111}) {
            int k = Integer.bitCount(members);
            long factorial = 1;
            for (int i = 2; i <= k; i++) factorial *= i;
            Set<Long> ranks = new HashSet<>();
            for (long queue : orders(members)) {
                long rank = SleeperRank.rank(queue, k, members);
                assertTrue(rank >= 0 && rank < factorial, "rank " + rank + " of " + k + " sleepers");
                assertTrue(ranks.add(rank), "two orders share rank " + rank);
                assertEquals(queue, SleeperRank.queue(rank, members));
            }
            assertEquals(factorial, ranks.size());
        }
    }
}
