/*
 * The nscheck enumerator benchmark in Promela: Drepper's three-state futex mutex ("mutex 2" of
 * Futexes Are Tricky) with the kernel's futex wait queue as explicit FIFO state. It is the same
 * transition system as nscheck's futex-mutex-once / futex-mutex-forever models
 * (model/src/main/java/nscheck/model/futex/FutexMutex.java), built so that SPIN's state vector
 * holds exactly that state: every step is one d_step of the one process, which always sits at the
 * head of its loop, scratch variables are zero between steps and queue slots past the length are
 * zero. So SPIN's "states, stored" equals nscheck's distinct states for every N.
 *
 *   spin -DN=8 -DFOREVER -a futex-mutex.pml     (omit -DFOREVER for the `once` variant)
 *   gcc -O2 -DBFS -DSAFETY -DNOREDUCE -o pan pan.c && ./pan
 */
#ifndef N
#define N 3
#endif

#define CAS   0
#define XCHG  1
#define WAIT  2
#define SLEEP 3
#define CS    4
#define STORE 5
#define WAKE  6
#define DONE  7

#ifdef FOREVER
#define FIN CAS
#else
#define FIN DONE
#endif

byte val;        /* 0 unlocked, 1 locked, 2 locked with waiters */
byte pc[N];
byte q[N];       /* the futex wait queue, head first; slots past qlen are 0 */
byte qlen;
byte k;          /* scratch for loops inside a step; always 0 between steps */
byte incs;       /* scratch: threads in CS; always 0 between steps */

/* Both invariants, checked at the end of every step (so on every reachable state but the initial one, where they hold). */
inline check() {
    for (k : 0 .. N - 1) {
        if
        :: pc[k] == CS -> incs++
        :: else
        fi
    };
    assert(incs <= 1);                                   /* mutual exclusion */
    incs = 0;
    if                                                   /* no lost wakeup */
    :: qlen > 0 && val != 2 ->
        for (k : 0 .. N - 1) {
            if
            :: pc[k] == XCHG || pc[k] == STORE || pc[k] == WAKE -> incs = 1
            :: else
            fi
        };
        assert(incs == 1);
        incs = 0
    :: else
    fi;
    k = 0
}

/*
 * The steps of thread t, one d_step each. A macro rather than a process per thread: then there is
 * one process, always at the head of its loop, and the state vector is only the variables above
 * (a process per thread would add every thread's own process bytes to each stored state).
 */
#define THREAD(t) \
    :: d_step { pc[t] == CAS -> \
           if \
           :: val == 0 -> val = 1; pc[t] = CS \
           :: val == 2 -> pc[t] = WAIT \
           :: else -> pc[t] = XCHG \
           fi; \
           check() } \
    :: d_step { pc[t] == XCHG -> \
           if \
           :: val == 0 -> pc[t] = CS \
           :: else -> pc[t] = WAIT \
           fi; \
           val = 2; \
           check() } \
    :: d_step { pc[t] == WAIT -> \
           if \
           :: val == 2 -> q[qlen] = t; qlen++; pc[t] = SLEEP \
           :: else -> pc[t] = XCHG \
           fi; \
           check() } \
    :: d_step { pc[t] == CS -> \
           if \
           :: val == 1 -> val = 0; pc[t] = FIN \
           :: else -> val--; pc[t] = STORE \
           fi; \
           check() } \
    :: d_step { pc[t] == STORE -> val = 0; pc[t] = WAKE; check() } \
    :: d_step { pc[t] == WAKE -> \
           if \
           :: qlen > 0 -> \
               pc[q[0]] = XCHG; \
               for (k : 0 .. N - 2) { q[k] = q[k + 1] }; \
               q[N - 1] = 0; \
               qlen-- \
           :: else \
           fi; \
           pc[t] = FIN; \
           check() }

#if N > 8
#error "at most 8 threads (as in nscheck: 3-bit thread ids)"
#endif

active proctype threads() {
end:
    do
    THREAD(0)
#if N > 1
    THREAD(1)
#endif
#if N > 2
    THREAD(2)
#endif
#if N > 3
    THREAD(3)
#endif
#if N > 4
    THREAD(4)
#endif
#if N > 5
    THREAD(5)
#endif
#if N > 6
    THREAD(6)
#endif
#if N > 7
    THREAD(7)
#endif
    od
}
