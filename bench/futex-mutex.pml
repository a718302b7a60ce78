/*
 * The nscheck enumerator benchmark in Promela: Drepper's three-state futex mutex ("mutex 2" of
 * Futexes Are Tricky) with the kernel's futex wait queue as explicit FIFO state. It is the same
 * transition system as nscheck's futex-mutex-once / futex-mutex-forever models
 * (model/src/main/java/nscheck/model/futex/FutexMutex.java), built so that SPIN's state vector
 * holds exactly that state: every step is one d_step, each thread's process always sits at the
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

active [N] proctype thread() {
end:
    do
    :: d_step { pc[_pid] == CAS ->
           if
           :: val == 0 -> val = 1; pc[_pid] = CS
           :: val == 2 -> pc[_pid] = WAIT
           :: else -> pc[_pid] = XCHG
           fi;
           check() }
    :: d_step { pc[_pid] == XCHG ->
           if
           :: val == 0 -> pc[_pid] = CS
           :: else -> pc[_pid] = WAIT
           fi;
           val = 2;
           check() }
    :: d_step { pc[_pid] == WAIT ->
           if
           :: val == 2 -> q[qlen] = _pid; qlen++; pc[_pid] = SLEEP
           :: else -> pc[_pid] = XCHG
           fi;
           check() }
    :: d_step { pc[_pid] == CS ->
           if
           :: val == 1 -> val = 0; pc[_pid] = FIN
           :: else -> val--; pc[_pid] = STORE
           fi;
           check() }
    :: d_step { pc[_pid] == STORE -> val = 0; pc[_pid] = WAKE; check() }
    :: d_step { pc[_pid] == WAKE ->
           if
           :: qlen > 0 ->
               pc[q[0]] = XCHG;
               for (k : 0 .. N - 2) { q[k] = q[k + 1] };
               q[N - 1] = 0;
               qlen--
           :: else
           fi;
           pc[_pid] = FIN;
           check() }
    od
}
