/*
 * nsprobe: runs conformance scenarios on the real kernel for `nscheck conform`.
 *
 * The Java runner compiles this file with gcc on first use (see nscheck.checkers.conform.Probe)
 * and writes scenarios to its stdin; each observation comes back on stdout as one JSON line.
 *
 * Input, one scenario at a time:
 *   scenario <id> <words>
 *   <step> <actor> <op> <arg1> <arg2> <hint> [<pids>] |<expected result>
 *                                       (pids: clone3's set_tid, comma-separated, innermost first;
 *                                        rt_sigqueueinfo's si_pid,si_uid)
 *   ...
 *   snapshot <actor> <levels> ...      NSpid of these actors at the end, innermost <levels> numbers
 *   end
 *
 * Each scenario runs in a sandbox: fresh user, mount, PID and IPC namespaces. The probe (the
 * driver, host root) clones the scenario's init with CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID |
 * CLONE_NEWIPC, maps its user namespace's ids 0..65535 to the unprivileged host range
 * 100000..165535 (never to kuid 0: that would give DAC override over every host file and make
 * every uid rule pass), and the init takes uid and gid 0 there, drops supplementary groups, makes
 * its mounts private, mounts a proc of its own PID namespace on /proc and execs this binary again
 * (so its mm's user namespace is the sandbox's, as a task the spec boots). That init is actor 0,
 * the spec's root init; the sandbox's user namespace is the spec's init_user_ns and its PID
 * namespace the spec's root one. No number a scenario names can reach a host task: every PID is
 * looked up in the sandbox's PID namespace, every /proc path in its own proc, and a capability
 * over the host (init_user_ns) is never held. PIDs are deterministic because nothing else ever
 * runs in that namespace: every number the actors see was handed out by a call in the scenario. Actors are processes; each reads commands from its own pipe, runs one
 * call and writes its result to a reply pipe shared by all. The driver sends one command at a
 * time and waits for its effect, so the interleaving is exactly the scenario's. Blocking calls
 * are bounded by a timeout and reported as unfinished. At the end (or at the first mismatch, or
 * on a timeout) the driver SIGKILLs the scenario init: zap_pid_ns_processes kills every task
 * numbered in the namespace, nested namespaces included, and the driver reaps the init, so no
 * process is left behind. The init has PR_SET_PDEATHSIG, so killing the probe kills scenarios too,
 * and the probe has it too, so killing the JVM kills the probe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <mqueue.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <grp.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL /* since 6.9: a pidfd for one thread, readable once that thread has exited */
#endif

#define NSPROBE_UNASSIGNED_NR 1023 /* no kernel assigns it: __NR_syscalls is below 1000 on every architecture */
#define MAX_ACTORS 32
#define MAX_STEPS 256
#define MAX_WORDS 8
#define REPLY_MS 2000   /* a call that should return: how long before it counts as blocked */
#define BLOCKED_MS 50   /* a call that should block: how long to wait for it to return anyway */
#define DEATH_MS 2000   /* an actor that should die */
#define PF_EXITING 0x4  /* include/linux/sched.h: set at the start of do_exit */

/* ---- shared by driver and actors --------------------------------------------------------- */

static int cmd_pipe[MAX_ACTORS][2];
static int reply_pipe[2];
/* Hellos: each new actor sends a pidfd of itself (SCM_RIGHTS); the driver reads its host TID from
   the pidfd's fdinfo in the driver's own proc. A number an actor could print would be one of the
   sandbox's, which the driver must never look up in the host's /proc. */
static int hello_sock[2];
#define WORDS_BYTES 4096
#define WORDS_MAX (WORDS_BYTES / 4)
static int words_fd = -1; /* memfd: the futex words survive the init's exec */
static volatile uint32_t *words;
/* Futex word i sits at words[WORD_STRIDE * i]: 8 bytes apart, as the robust list entries that name
   them (one pointer each) are, so one futex_offset serves every entry of a list (set_robust_list). */
#define WORD_STRIDE 2
#define WORD(i) words[WORD_STRIDE * (i)]

static const char *errno_name(int e) {
    switch (e) {
    case EPERM: return "EPERM";   case ENOENT: return "ENOENT"; case ESRCH: return "ESRCH";   case EINTR: return "EINTR";
    case ECHILD: return "ECHILD"; case EAGAIN: return "EAGAIN"; case ENOMEM: return "ENOMEM";
    case EFAULT: return "EFAULT"; case EBUSY: return "EBUSY";   case EEXIST: return "EEXIST"; case EACCES: return "EACCES";
    case EINVAL: return "EINVAL"; case ENOSPC: return "ENOSPC"; case ERANGE: return "ERANGE";
    case ENOMSG: return "ENOMSG"; case EIDRM: return "EIDRM";
    case EOVERFLOW: return "EOVERFLOW";
    case EBADF: return "EBADF";   case ENOTTY: return "ENOTTY";
    case ENOSYS: return "ENOSYS";
    case EDEADLK: return "EDEADLK"; case ETIMEDOUT: return "ETIMEDOUT"; case EOWNERDEAD: return "EOWNERDEAD";
    /* Unix socket pairs (C5) */
    case EPIPE: return "EPIPE"; case ENOTSOCK: return "ENOTSOCK"; case ECONNRESET: return "ECONNRESET";
    case ECONNREFUSED: return "ECONNREFUSED"; case ENOTCONN: return "ENOTCONN";
    default: { static char buf[16]; snprintf(buf, sizeof buf, "E%d", e); return buf; }
    }
}

static void put(int fd, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* One write of less than PIPE_BUF bytes: lines from different actors never interleave. */
    if (write(fd, buf, n) < 0) _exit(111);
}

/* ---- actors ------------------------------------------------------------------------------ */

/*
 * sendmsg of `len` bytes with one SOL_SOCKET control message of `type` carrying `plen` bytes of
 * `payload` (SCM_RIGHTS: a descriptor; SCM_CREDENTIALS: a struct ucred), or none when `payload`
 * is NULL. The hello, a scenario's send and the driver's freed-TID question all send this way.
 */
static ssize_t send_with(int sock, const void *data, size_t len, int type, const void *payload, size_t plen, int flags) {
    struct iovec iov = {(void *) data, len};
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(struct ucred))]; } u;
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (payload) {
        memset(&u, 0, sizeof u);
        msg.msg_control = u.buf;
        msg.msg_controllen = CMSG_SPACE(plen);
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = type;
        c->cmsg_len = CMSG_LEN(plen);
        memcpy(CMSG_DATA(c), payload, plen);
    }
    return sendmsg(sock, &msg, flags);
}

/* Sends the caller's pidfd to the driver: its hello as actor `me`. */
static void hello(int me) {
    int fd = (int) syscall(SYS_pidfd_open, (pid_t) syscall(SYS_gettid), PIDFD_THREAD);
    if (fd < 0) _exit(115);
    int32_t who = me;
    if (send_with(hello_sock[1], &who, sizeof who, SCM_RIGHTS, &fd, sizeof fd, MSG_NOSIGNAL) < 0) _exit(111);
    close(fd);
}

static void actor(int me);

/*
 * RLIMIT_NPROC in the sandbox. The spec (UcountRules) holds every task to RLIMIT_NPROC = 2 except
 * kuid 0 (INIT_USER) and a task capable in init_user_ns, the exemptions of copy_process. In the
 * sandbox the spec's root is kuid 100000 and capable only in the sandbox's user namespace, so the
 * kernel would hold it to the limit. The probe therefore gives the limit only to the tasks the
 * spec holds to it: before every call that can create a task or a user namespace it sets the soft
 * limit to RLIM_INFINITY for a task whose real uid is the sandbox's 0 and to 2 otherwise. That is
 * the spec's rule exactly:
 * - a sandbox-root task (the spec's kuid 0) passes the first level (its count against RLIM_INFINITY)
 *   and every ancestor level, whose limit a root creator recorded as RLIM_INFINITY
 *   (set_userns_rlimits: enforced_nproc_rlimit() is the creator's rlimit outside init_user_ns),
 *   and the sandbox's own level, which the host's root created (RLIM_INFINITY);
 * - any other task meets 2 at its own level and at every level a non-root creator recorded,
 *   as the spec's walk does.
 * A real uid moves only by a successful setuid in the sandbox's user namespace (in a child
 * namespace setuid can only reach the owner's kuid, which its tasks already have), so the
 * exemption is decided there and inherited. It is per thread (a cred is), while the limit is per
 * process: setting it right before the call is exact because one call runs at a time. The hard
 * limit stays as the driver left it: raising it would need CAP_SYS_RESOURCE in init_user_ns.
 */
static __thread int nproc_exempt = 1;
static int in_child_userns;

static void apply_nproc(void) {
    struct rlimit r;
    getrlimit(RLIMIT_NPROC, &r); /* the hard limit the driver left: RLIM_INFINITY or near it */
    r.rlim_cur = nproc_exempt ? r.rlim_max : 2;
    setrlimit(RLIMIT_NPROC, &r);
}

struct thread_start { int parent, me, nproc_exempt, proc_fd; };
static __thread int proc_fd = -1;

/* A thread made by clone(CLONE_THREAD) (through pthread_create, which sets up its TLS): it
   answers its creator's clone with its TID, as the raw call would return it, and becomes an actor. */
static void *thread_main(void *arg) {
    struct thread_start st = *(struct thread_start *) arg;
    free(arg);
    nproc_exempt = st.nproc_exempt;
    proc_fd = st.proc_fd; /* CLONE_FS|CLONE_NEWNS-less thread: its creator's mount namespace, so its proc */
    hello(st.me);
    put(reply_pipe[1], "R %d = %ld\n", st.parent, (long) syscall(SYS_gettid));
    actor(st.me);
    return NULL;
}

static void reply(int me, long ret) {
    /* errno is cleared before each call: -1 without it is a value (ns_last_pid of a namespace
       whose PIDs all came from set_tid reads -1: idr_alloc leaves idr_next at 0) */
    if (ret < 0 && errno != 0) put(reply_pipe[1], "R %d = -1 %s\n", me, errno_name(errno));
    else put(reply_pipe[1], "R %d = %ld\n", me, ret);
}

static long ns_last_pid(int write_it, long value) {
    int fd = open("/proc/sys/kernel/ns_last_pid", write_it ? O_WRONLY : O_RDONLY);
    if (fd < 0) return -1;
    char buf[32];
    long r;
    if (write_it) {
        int n = snprintf(buf, sizeof buf, "%ld", value);
        r = write(fd, buf, n) < 0 ? -1 : 0;
    } else {
        ssize_t n = read(fd, buf, sizeof buf - 1);
        if (n < 0) r = -1;
        else { buf[n] = 0; r = atol(buf); }
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return r;
}

/* ---- SysV IPC: the namespace's one object of each kind, found by key (ipc/util.c) ---------- */

#define IPC_KEY 0x6e73 /* "ns": each scenario has its own IPC namespace, so any key is free */

/*
 * The spec names each namespace's one object of a kind 0. The kernel's id is seq * IPCMNI + an
 * index that ipc_idr_alloc takes with idr_alloc_cyclic, so a set made again after IPC_RMID has
 * another id (index 1, then 2, ...): the probe finds the object by key and a successful get
 * reports 0, the known divergence "ipc-id-sequence".
 */
static int ipc_idx(long id) {
    (void) id;
    return 0;
}

/* The id by key, or 0 when there is none: the call on it then fails as the spec's does (EINVAL). */
static int msg_id(void) { int id = msgget(IPC_KEY, 0); return id < 0 ? 0 : id; }
static int sem_id(void) { int id = semget(IPC_KEY, 1, 0); return id < 0 ? 0 : id; }
static int shm_id(void) { int id = shmget(IPC_KEY, 4096, 0); return id < 0 ? 0 : id; }

union semun { int val; struct semid_ds *buf; unsigned short *array; };

static long ipc_call(const char *op, long a) {
    if (!strcmp(op, "msgget")) {
        int id = msgget(IPC_KEY, IPC_CREAT | IPC_EXCL | 0600);
        if (id >= 0) {
            /* The spec's queue holds one message (MsgQueue.MSGMNB); zero-byte messages and
               msg_qbytes = 1 make the kernel's do_msgsnd full after one as well. */
            struct msqid_ds ds;
            if (msgctl(id, IPC_STAT, &ds) < 0) return -1;
            ds.msg_qbytes = 1;
            if (msgctl(id, IPC_SET, &ds) < 0) return -1;
            return ipc_idx(id);
        }
        if (errno != EEXIST) return -1;
        id = msgget(IPC_KEY, 0);
        return id < 0 ? -1 : ipc_idx(id);
    }
    if (!strcmp(op, "msgsnd")) {
        struct { long mtype; char mtext[1]; } m = {1, {0}};
        return msgsnd(msg_id(), &m, 0, IPC_NOWAIT);
    }
    if (!strcmp(op, "msgrcv")) {
        struct { long mtype; char mtext[1]; } m;
        return msgrcv(msg_id(), &m, sizeof m.mtext, 0, IPC_NOWAIT);
    }
    if (!strcmp(op, "msgstat")) {
        struct msqid_ds ds;
        if (msgctl(msg_id(), IPC_STAT, &ds) < 0) return -1;
        return a ? ds.msg_lrpid : ds.msg_lspid;
    }
    if (!strcmp(op, "semget")) {
        int id = semget(IPC_KEY, 1, IPC_CREAT | 0600);
        return id < 0 ? -1 : ipc_idx(id);
    }
    if (!strcmp(op, "semop")) {
        struct sembuf b = {0, (short) a, SEM_UNDO};
        return semop(sem_id(), &b, 1);
    }
    if (!strcmp(op, "semgetpid")) return semctl(sem_id(), 0, GETPID);
    if (!strcmp(op, "semgetval")) return semctl(sem_id(), 0, GETVAL);
    if (!strcmp(op, "semrmid")) return semctl(sem_id(), 0, IPC_RMID);
    if (!strcmp(op, "shmget")) {
        int id = shmget(IPC_KEY, 4096, IPC_CREAT | 0600);
        return id < 0 ? -1 : 0;
    }
    if (!strcmp(op, "shmat")) {
        void *p = shmat(shm_id(), NULL, 0);
        if (p == (void *) -1) return -1;
        return shmdt(p);
    }
    if (!strcmp(op, "shmstat")) {
        struct shmid_ds ds;
        if (shmctl(shm_id(), IPC_STAT, &ds) < 0) return -1;
        return a ? ds.shm_lpid : ds.shm_cpid;
    }
    errno = ENOSYS;
    return -2;
}

/* The ids the caller's latest unshare(CLONE_NEWUSER) ran with, in its parent namespace. */
static uid_t map_uid;
static gid_t map_gid;

static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    int saved = errno;
    close(fd);
    errno = saved;
    return n == (ssize_t) strlen(text) ? 0 : -1;
}

/* "0 <euid> 1" to uid_map, "deny" to setgroups (an unprivileged gid_map needs it), "0 <egid> 1"
   to gid_map: the spec's one WriteIdMaps. uid_map is written first, so its error is the one seen. */
static long write_id_maps(void) {
    char text[64];
    snprintf(text, sizeof text, "0 %u 1\n", (unsigned) map_uid);
    if (write_file("/proc/self/uid_map", text) < 0) return -1;
    if (write_file("/proc/self/setgroups", "deny") < 0 && errno != EPERM) return -1;
    snprintf(text, sizeof text, "0 %u 1\n", (unsigned) map_gid);
    return write_file("/proc/self/gid_map", text);
}

/* ---- file descriptors: pidfds and close (D1-D4) --------------------------------------------- */

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#define SPEC_FIRST_FD 3 /* FdTable.FIRST_FD: the spec numbers its files from 3 */
#define MAX_SPEC_FDS 16

/* The spec's fd numbers of this actor, mapped onto its real fds (real + 1; 0 = free). It lives in
   the actor's memory, so fork copies it along with the fds themselves (dup_fd), and the spec's
   lowest-free numbering (alloc_fd) is kept whatever the pipes hold. */
static int spec_fd[MAX_SPEC_FDS];

/* A number no actor has open (not -1: waitid(P_PIDFD) refuses a negative one with EINVAL before it looks). */
#define NO_FD 999

static int real_fd(long fd) {
    long i = fd - SPEC_FIRST_FD;
    return i < 0 || i >= MAX_SPEC_FDS || !spec_fd[i] ? NO_FD : spec_fd[i] - 1;
}

/* Installs a real fd at the lowest free spec number and returns that number. */
static long install_fd(int real) {
    for (int i = 0; i < MAX_SPEC_FDS; i++)
        if (!spec_fd[i]) { spec_fd[i] = real + 1; return SPEC_FIRST_FD + i; }
    close(real);
    errno = EMFILE;
    return -1;
}

static long fd_call(const char *op, long a, long b) {
    if (!strcmp(op, "pidfdopen")) {
        int fd = (int) syscall(SYS_pidfd_open, (pid_t) a, (unsigned) b);
        return fd < 0 ? -1 : install_fd(fd);
    }
    if (!strcmp(op, "pidfdsig"))
        return syscall(SYS_pidfd_send_signal, real_fd(a), (int) (b & 0xff), NULL, (unsigned) (b >> 8));
    if (!strcmp(op, "waitidfd")) {
        siginfo_t info;
        memset(&info, 0, sizeof info);
        long r = syscall(SYS_waitid, P_PIDFD, real_fd(a), &info, WEXITED | (b ? WNOHANG : 0), NULL);
        return r < 0 ? -1 : (long) info.si_pid;
    }
    if (!strcmp(op, "nsopen")) {
        /* Only the caller's own files: /proc/self resolves to the caller in any proc mount. */
        static const char *names[] = {"pid", "pid_for_children", "ipc", "user"};
        if (a < 0 || a > 3) { errno = ENOENT; return -1; }
        char path[64];
        snprintf(path, sizeof path, "/proc/self/ns/%s", names[a]);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        return fd < 0 ? -1 : install_fd(fd);
    }
    if (!strcmp(op, "setnsfd")) return setns(real_fd(a), (int) b);
    if (!strcmp(op, "nsioctl")) {
        /* include/uapi/linux/nsfs.h (the probe host's headers predate some): NSIO 0xb7; the PID forms are _IOR(.., int). */
        unsigned nr = (unsigned) (b >> 32);
        int arg = (int) (b & 0xffffffff);
        unsigned long req = nr >= 6 && nr <= 9 ? _IOR(0xb7, nr, int) : _IO(0xb7, nr);
        if (nr == 4) {
            /* NS_GET_OWNER_UID (_IO 4) writes a uid_t through its argument */
            uid_t owner;
            return ioctl(real_fd(a), _IO(0xb7, 4), &owner) < 0 ? -1 : (long) owner;
        }
        if (nr == 13) {
            /* NS_GET_ID (_IOR 13, __u64) writes the 64-bit id; the coordinator shows it as "#k" (first seen k-th) */
            uint64_t id;
            return ioctl(real_fd(a), _IOR(0xb7, 13, uint64_t), &id) < 0 ? -1 : (long) id;
        }
        long r = ioctl(real_fd(a), req, (unsigned long) arg);
        if (r < 0) return -1;
        return nr == 1 || nr == 2 ? install_fd((int) r) : r;
    }
    if (!strcmp(op, "nssameino")) {
        /* namespaces(7): two namespace files name one namespace iff st_dev and st_ino are equal */
        struct stat x, y;
        if (fstat(real_fd(a), &x) < 0 || fstat(real_fd(b), &y) < 0) return -1;
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino;
    }
    if (!strcmp(op, "close")) {
        int fd = real_fd(a);
        if (fd == NO_FD) { errno = EBADF; return -1; }
        spec_fd[a - SPEC_FIRST_FD] = 0;
        return close(fd);
    }
    return -2;
}

/* ---- Unix socket pairs (net/unix/af_unix.c, net/core/scm.c; C1-C5) ------------------------ */

/* socketpair(AF_UNIX, a) with SO_PASSCRED on both ends, so every message carries credentials
   (maybe_add_creds); sv[0] and sv[1] take the two lowest free spec numbers, as the spec's
   alloc_fd does. The fds live in the actor's table: fork copies them, pthreads share them. */
static long sock_pair(long type) {
    int sv[2];
    if (socketpair(AF_UNIX, (int) type | SOCK_CLOEXEC, 0, sv) < 0) return -1;
    int one = 1;
    setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    long first = install_fd(sv[0]);
    if (first < 0) { close(sv[1]); return -1; }
    return install_fd(sv[1]) < 0 ? -1 : first;
}

/* One byte on spec fd a, with SCM_CREDENTIALS {pid, uid, getgid()} when explicit (C1), else
   implicit (C2); MSG_NOSIGNAL: a stream whose peer closed answers EPIPE without SIGPIPE. */
static long sock_send(long a, int explicit, pid_t pid, uid_t uid) {
    char byte = 'x';
    struct ucred uc = {pid, uid, getgid()};
    ssize_t n = send_with(real_fd(a), &byte, 1, SCM_CREDENTIALS, explicit ? &uc : NULL, sizeof uc, MSG_DONTWAIT | MSG_NOSIGNAL);
    return n < 0 ? -1 : 0;
}

/* recvmsg(MSG_DONTWAIT) of one byte on spec fd a: the ucred's pid (b == 0) or uid as scm_recv
   translated them for this reader (C3); -1 without errno at end of file (0 bytes, no credentials). */
static long sock_recv(long a, long b) {
    char byte;
    struct iovec iov = {&byte, 1};
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(struct ucred)) + 64]; } u;
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = u.buf;
    msg.msg_controllen = sizeof u.buf;
    ssize_t n = recvmsg(real_fd(a), &msg, MSG_DONTWAIT);
    if (n < 0) return -1;
    if (n == 0) { errno = 0; return -1; }
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
            struct ucred uc;
            memcpy(&uc, CMSG_DATA(c), sizeof uc);
            return b ? (long) uc.uid : (long) uc.pid;
        }
    errno = EBADMSG; /* no credentials: not what the spec says, so it shows as a mismatch */
    return -1;
}

/* getsockopt(SO_PEERCRED) on spec fd a: the pid (b == 0) or uid cred_to_ucred gives this reader (C4). */
static long sock_peercred(long a, long b) {
    struct ucred uc;
    socklen_t len = sizeof uc;
    if (getsockopt(real_fd(a), SOL_SOCKET, SO_PEERCRED, &uc, &len) < 0) return -1;
    return b ? (long) uc.uid : (long) uc.pid;
}

/* set_robust_list (kernel/futex/syscalls.c; F5): the list user space would have built, in this
   actor's own memory. a: the entries' words in list order, one per hex digit (word + 1, first entry
   lowest); b: list_op_pending's word + 1 (0: none), negated for PI entries (bit 0 of each pointer). */
static struct robust_list robust_entry[MAX_ACTORS][MAX_WORDS];
static struct robust_list_head robust_head[MAX_ACTORS];

static long set_robust(int me, long a, long b) {
    int pi = b < 0;
    long pending = pi ? -b - 1 : b;
    struct robust_list_head *h = &robust_head[me];
    h->futex_offset = (long) ((char *) &WORD(0) - (char *) &robust_entry[me][0]);
    h->list.next = &h->list;
    struct robust_list **tail = &h->list.next;
    for (long rest = a; rest; rest >>= 4) {
        long w = (rest & 15) - 1;
        if (w < 0 || w >= MAX_WORDS) { errno = EINVAL; return -1; }
        *tail = (struct robust_list *) ((uintptr_t) &robust_entry[me][w] | (uintptr_t) pi);
        tail = &robust_entry[me][w].next;
    }
    *tail = &h->list;
    if (pending > MAX_WORDS) { errno = EINVAL; return -1; }
    h->list_op_pending = pending ? (struct robust_list *) ((uintptr_t) &robust_entry[me][pending - 1] | (uintptr_t) pi) : NULL;
    return syscall(SYS_set_robust_list, h, sizeof *h);
}

/* struct clone_args up to set_tid_size (CLONE_ARGS_SIZE_VER1, include/uapi/linux/sched.h). */
struct clone_args_v2 {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size;
};
#define MAX_SET_TID 32
#ifndef SYS_clone3
#define SYS_clone3 435
#endif

/* ---- async I/O owners (fs/fcntl.c, A1-A5) ------------------------------------------------- */

/* The scenario's pipe: made by the scenario init before any actor exists, so every actor holds
   both ends (one open file, one f_owner); the read end has O_ASYNC, which records this fd number
   (fasync_helper: si_fd). The spec's AsyncIoCall.PIPE_READ_FD. SIGIO is blocked in the init, so in
   every actor (children inherit the mask), and only sigwaitinfo({SIGIO}) takes it. */
#define PIPE_READ_FD 200
#define PIPE_WRITE_FD 201

static void async_pipe(void) {
    int p[2];
    if (pipe(p) < 0 || dup2(p[0], PIPE_READ_FD) < 0 || dup2(p[1], PIPE_WRITE_FD) < 0) _exit(115);
    close(p[0]);
    close(p[1]);
    fcntl(PIPE_READ_FD, F_SETFL, O_ASYNC | O_NONBLOCK);
    fcntl(PIPE_WRITE_FD, F_SETFL, O_NONBLOCK);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGIO);
    sigprocmask(SIG_BLOCK, &set, NULL);
}

/* fsetown PID TYPE: TYPE -1 is F_SETOWN (the sign of PID picks process or group), else F_SETOWN_EX. */
static long fown_call(const char *op, long a, long b) {
    if (!strcmp(op, "fsetown")) {
        if (b < 0) return syscall(SYS_fcntl, PIPE_READ_FD, F_SETOWN, (int) a);
        struct f_owner_ex ex = {(int) b, (pid_t) a};
        return syscall(SYS_fcntl, PIPE_READ_FD, F_SETOWN_EX, &ex);
    }
    /* F_GETOWN returns a group negated, which the raw call cannot tell from -errno (a group
       numbered 2 reads as ENOENT): read it as glibc's fcntl does, through F_GETOWN_EX, whose
       number is the same (pid_vnr if pid_task(owner, type) exists, else 0). */
    if (!strcmp(op, "fgetown")) {
        struct f_owner_ex ex = {0, 0};
        long r = syscall(SYS_fcntl, PIPE_READ_FD, F_GETOWN_EX, &ex);
        return r < 0 ? r : ex.type == F_OWNER_PGRP ? -(long) ex.pid : (long) ex.pid;
    }
    if (!strcmp(op, "fsetsig")) return syscall(SYS_fcntl, PIPE_READ_FD, F_SETSIG, a);
    if (!strcmp(op, "pwrite")) return write(PIPE_WRITE_FD, "x", 1);
    if (!strcmp(op, "sigwaitio")) {
        sigset_t set;
        siginfo_t info;
        sigemptyset(&set);
        sigaddset(&set, SIGIO);
        long ret = sigwaitinfo(&set, &info);
        if (ret < 0) return ret;
        return a == 1 ? (long) info.si_code : a == 2 ? (long) info.si_fd : (long) info.si_pid;
    }
    return -2;
}

/* ---- handlers and masks (kernel/signal.c, P20-P23) ---------------------------------------- */

/* The probe's SA_SIGINFO handler: it records the siginfo it receives (si_signo, si_pid, si_uid, as
   the kernel wrote them for this process) in process memory, where the "handled" op reads the
   oldest back. The spec keeps as many records (HandlerRules.MAX_HANDLED) and drops later ones
   alike. A forked child starts with none (the clone ops clear its copy). */
#define MAX_HANDLED 8
static struct { int signo, pid, uid; } handled_log[MAX_HANDLED];
static volatile sig_atomic_t n_handled;

static void record_siginfo(int sig, siginfo_t *info, void *ctx) {
    (void) sig;
    (void) ctx;
    if (n_handled >= MAX_HANDLED) return;
    handled_log[n_handled].signo = info->si_signo;
    handled_log[n_handled].pid = info->si_pid;
    handled_log[n_handled].uid = (int) info->si_uid;
    n_handled = n_handled + 1;
}

/* sigmask HOW SET: SET is a sigset, bit sig - 1. SIGIO stays blocked whatever the call says (the
   async-io area's rule: only sigwaitinfo takes it), as the spec's mask does not hold it.
   sigpending: the pending set as the same bits. handled FIELD: 0 si_signo, 1 si_pid, 2 si_uid
   of the oldest record, which is then dropped; EAGAIN when there is none. */
static long handler_call(const char *op, long a, long b) {
    if (!strcmp(op, "sigmask")) {
        sigset_t set;
        sigemptyset(&set);
        for (int s = 1; s < 64; s++) if (s != 32 && s != 33 && (b & (1L << (s - 1)))) sigaddset(&set, s);
        if (a == SIG_SETMASK) sigaddset(&set, SIGIO);
        else sigdelset(&set, SIGIO);
        return sigprocmask((int) a, &set, NULL);
    }
    if (!strcmp(op, "sigpending")) {
        sigset_t set;
        if (sigpending(&set) < 0) return -1;
        long bits = 0;
        for (int s = 1; s < 64; s++) if (s != 32 && s != 33 && sigismember(&set, s) == 1) bits |= 1L << (s - 1);
        return bits;
    }
    if (!strcmp(op, "handled")) {
        if (n_handled == 0) { errno = EAGAIN; return -1; }
        long v = a == 0 ? handled_log[0].signo : a == 1 ? handled_log[0].pid : handled_log[0].uid;
        memmove(&handled_log[0], &handled_log[1], sizeof handled_log[0] * (MAX_HANDLED - 1));
        n_handled = n_handled - 1;
        return v;
    }
    return -2;
}

/* ---- POSIX message queues (ipc/mqueue.c, Q1-Q3) --------------------------------------------- */

/* The model's one queue name, resolved in the caller's IPC namespace. A process keeps each queue
   it opens (one per IPC namespace it has called from, found by the namespace's inode) until it
   exits: closing it would drop its own mq_notify registration (mqueue_flush_file). Children
   inherit the table with the descriptors. */
#define MQ_NAME "/nsq"
static struct { dev_t dev; ino_t ino; mqd_t q; } mqs[8];
static int nmq;

static mqd_t mq_get(int create) {
    struct stat st;
    int known = stat("/proc/self/ns/ipc", &st) == 0;
    for (int i = 0; known && i < nmq; i++)
        if (mqs[i].dev == st.st_dev && mqs[i].ino == st.st_ino) return mqs[i].q;
    struct mq_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.mq_maxmsg = 10;   /* the spec's PosixMqueue.MAXMSG */
    attr.mq_msgsize = 8;
    mode_t old = umask(0);
    mqd_t q = mq_open(MQ_NAME, O_RDWR | O_NONBLOCK | (create ? O_CREAT : 0), 0666, &attr);
    int saved = errno;
    umask(old);
    errno = saved;
    if (q != (mqd_t) -1 && known && nmq < 8) {
        mqs[nmq].dev = st.st_dev;
        mqs[nmq].ino = st.st_ino;
        mqs[nmq++].q = q;
    }
    return q;
}

static long mq_call(const char *op, long a) {
    mqd_t q = mq_get(!strcmp(op, "mqopen"));
    if (q == (mqd_t) -1) return -1;
    if (!strcmp(op, "mqopen")) return 0;
    if (!strcmp(op, "mqsend")) return mq_send(q, "x", 1, 0);
    if (!strcmp(op, "mqrecv")) {
        char buf[8];
        return mq_receive(q, buf, sizeof buf, NULL);
    }
    if (!strcmp(op, "mqnotify")) {
        struct sigevent sev;
        memset(&sev, 0, sizeof sev);
        sev.sigev_notify = SIGEV_SIGNAL;
        sev.sigev_signo = SIGUSR1;
        return mq_notify(q, a ? &sev : NULL);
    }
    return -2;
}

/* ---- /proc views (fs/proc, V1-V4) ---------------------------------------------------------- */

/* The actor's proc (proc_fd, declared with thread_start): -1 for the sandbox's /proc, which shows
   the scenario's PID namespace; else the proc mountproc made. mountproc first unshares the mount
   namespace (the proc then belongs to a fresh mount namespace of the actor), then makes the proc
   with fsopen/fsmount: a detached mount, attached to no directory of any mount tree, reached only
   through the descriptor. Kept per thread as the mount namespace is (unshare(CLONE_NEWNS) gives
   the caller alone a new one); a fork copies the caller's, a new thread takes its creator's. An
   older descriptor is not closed: another thread of the process may still use it. */
static long proc_call(const char *op, long a, long b) {
    if (!strcmp(op, "mountproc")) {
        if (unshare(CLONE_NEWNS) < 0) return -1;
        int fs = fsopen("proc", FSOPEN_CLOEXEC);
        if (fs < 0) return -1;
        int m = -1;
        if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0)
            m = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
        int saved = errno;
        close(fs);
        errno = saved;
        if (m < 0) return -1;
        proc_fd = m;
        return 0;
    }
    int dir = proc_fd >= 0 ? proc_fd : AT_FDCWD;
    const char *root = proc_fd >= 0 ? "" : "/proc/";
    char path[64];
    if (!strcmp(op, "procself")) {
        /* "tgid" or "tgid/task/tid": the number after the last slash */
        char buf[64];
        snprintf(path, sizeof path, "%s%s", root, a ? "thread-self" : "self");
        ssize_t n = readlinkat(dir, path, buf, sizeof buf - 1);
        if (n < 0) return -1;
        buf[n] = 0;
        char *last = strrchr(buf, '/');
        return strtol(last ? last + 1 : buf, NULL, 10);
    }
    if (!strcmp(op, "nsopenpid")) {
        /* Another task's namespace file, by its number in this actor's proc (never a host path:
           the sandbox's /proc shows the scenario's PID namespace only). */
        static const char *names[] = {"pid", "pid_for_children", "ipc", "user"};
        if (b < 0 || b > 3) { errno = ENOENT; return -1; }
        snprintf(path, sizeof path, "%s%ld/ns/%s", root, a, names[b]);
        int fd = openat(dir, path, O_RDONLY | O_CLOEXEC);
        return fd < 0 ? -1 : install_fd(fd);
    }
    if (!strcmp(op, "nspid")) {
        /* Entry b of the NSpid line of a's status, 0 past its end. */
        char buf[4096];
        snprintf(path, sizeof path, "%s%ld/status", root, a);
        int fd = openat(dir, path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) return -1;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        int saved = errno;
        close(fd);
        errno = saved;
        if (n < 0) return -1;
        buf[n] = 0;
        char *line = strstr(buf, "\nNSpid:");
        if (!line) { errno = ENODATA; return -1; }
        char *p = line + 7;
        for (long i = 0; ; i++) {
            char *end;
            long nr = strtol(p, &end, 10);
            if (end == p) return 0;
            if (i == b) return nr;
            p = end;
        }
    }
    return -2;
}

static int is_clone(const char *op) {
    return !strcmp(op, "clone") || !strcmp(op, "clone3");
}

static void actor(int me) {
    char line[192];
    for (;;) {
        size_t n = 0;
        /* Byte by byte: several actors' commands never share a pipe, but a clone's child must not
           swallow its parent's next command from a buffer. */
        while (n < sizeof line - 1) {
            ssize_t r = read(cmd_pipe[me][0], line + n, 1);
            if (r <= 0) _exit(112);
            if (line[n] == '\n') break;
            n++;
        }
        line[n] = 0;
        char op[16], pids[64] = "-";
        long a = 0, b = 0;
        if (sscanf(line, "%15s %ld %ld %63s", op, &a, &b, pids) < 1) _exit(113);
        long ret;
        errno = 0;
        if (!strcmp(op, "clone") && (a & CLONE_THREAD)) {
            struct thread_start *st = malloc(sizeof *st);
            st->parent = me;
            st->me = (int) b;
            st->nproc_exempt = nproc_exempt;
            st->proc_fd = proc_fd;
            apply_nproc();
            pthread_t t;
            pthread_attr_t attr;
            pthread_attr_init(&attr);
            pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
            int err = pthread_create(&t, &attr, thread_main, st);
            pthread_attr_destroy(&attr);
            if (err == 0) continue; /* the new thread replies for us */
            free(st);
            errno = err;
            ret = -1;
        } else if (!strcmp(op, "clone3")) {
            /* clone3 with set_tid (kernel/pid.c alloc_pid, S1-S3): set_tid[0] is the innermost level. */
            pid_t tids[MAX_SET_TID];
            size_t ntid = 0;
            for (char *p = pids; *p && *p != '-' && ntid < MAX_SET_TID; ) {
                tids[ntid++] = (pid_t) strtol(p, &p, 10);
                if (*p == ',') p++;
            }
            struct clone_args_v2 ca;
            memset(&ca, 0, sizeof ca);
            ca.flags = (uint64_t) a;
            ca.exit_signal = SIGCHLD;
            ca.set_tid = (uint64_t) (uintptr_t) tids;
            ca.set_tid_size = ntid;
            apply_nproc();
            ret = syscall(SYS_clone3, &ca, sizeof ca);
            if (ret == 0) {
                me = (int) b;
                if (a & CLONE_NEWUSER) in_child_userns = 1;
                n_handled = 0;
                hello(me);
                continue;
            }
        } else if (!strcmp(op, "clone")) {
            /* A fork-like clone: no CLONE_VM, so the child runs on its own copy of this stack. */
            apply_nproc();
            ret = syscall(SYS_clone, (unsigned long) a | SIGCHLD, NULL, NULL, NULL, NULL);
            if (ret == 0) {
                me = (int) b;
                if (a & CLONE_NEWUSER) in_child_userns = 1;
                n_handled = 0;
                hello(me);
                continue;
            }
        } else if (!strcmp(op, "unshare")) {
            /* The new namespace's map names the creator's ids as its parent sees them (map_write
               reads lower ids through the parent's map), and inside they read as the overflow id. */
            uid_t euid = geteuid();
            gid_t egid = getegid();
            apply_nproc();
            ret = unshare((int) a);
            if (ret == 0 && (a & CLONE_NEWUSER)) { map_uid = euid; map_gid = egid; in_child_userns = 1; }
        } else if (!strcmp(op, "setuid")) {
            /* The raw call: glibc's setuid would also run it in every thread (setxid). */
            /* No PR_SET_DUMPABLE afterwards: commit_creds' non-dumpable task is the spec's too (K4). */
            ret = syscall(SYS_setuid, (uid_t) a);
            if (ret == 0 && !in_child_userns) nproc_exempt = getuid() == 0;
        } else if (!strcmp(op, "nosys")) {
            /* A system call this kernel does not have (clone_with_pids, execns: proposals never merged):
               a number past the x86-64 table, which do_syscall_64 answers with sys_ni_syscall's ENOSYS. */
            ret = syscall(NSPROBE_UNASSIGNED_NR);
        } else if (!strcmp(op, "sockpair")) {
            ret = sock_pair(a);
        } else if (!strcmp(op, "send")) {
            ret = sock_send(a, 0, 0, 0);
        } else if (!strcmp(op, "screds")) {
            /* b: the claimed pid in the high 32 bits, the uid in the low ones */
            ret = sock_send(a, 1, (pid_t) (b >> 32), (uid_t) (b & 0xffffffff));
        } else if (!strcmp(op, "recvcred")) {
            ret = sock_recv(a, b);
        } else if (!strcmp(op, "peercred")) {
            ret = sock_peercred(a, b);
        } else if (!strcmp(op, "idmaps")) {
            ret = write_id_maps();
        } else if (!strcmp(op, "setns")) {
            int fd = (int) syscall(SYS_pidfd_open, (pid_t) a, 0);
            if (fd < 0) ret = -1;
            else {
                ret = setns(fd, CLONE_NEWPID);
                int saved = errno;
                close(fd);
                errno = saved;
            }
        } else if (!strcmp(op, "pidfdopen") || !strcmp(op, "pidfdsig") || !strcmp(op, "waitidfd") || !strcmp(op, "close")
                   || !strcmp(op, "nsopen") || !strcmp(op, "setnsfd") || !strcmp(op, "nsioctl")) {
            ret = fd_call(op, a, b);
        } else if (!strcmp(op, "exit")) {
            /* The spec's exit ends the calling task only (for a thread: exit, not exit_group). */
            syscall(SYS_exit, (int) a);
            _exit(114);
        } else if (!strcmp(op, "wait")) {
            int status;
            ret = waitpid((pid_t) a, &status, 0);
        } else if (!strcmp(op, "getpid")) {
            ret = syscall(SYS_getpid);
        } else if (!strcmp(op, "getppid")) {
            ret = syscall(SYS_getppid);
        } else if (!strcmp(op, "gettid")) {
            ret = syscall(SYS_gettid);
        } else if (!strcmp(op, "kill")) {
            ret = syscall(SYS_kill, (pid_t) a, (int) b);
        } else if (!strcmp(op, "sigqueue")) {
            /* glibc's sigqueue: rt_sigqueueinfo with SI_QUEUE and si_pid = getpid(), si_uid = getuid(). */
            ret = sigqueue((pid_t) a, SIGUSR1, (union sigval) {0});
        } else if (!strcmp(op, "sigqinfo")) {
            /* rt_sigqueueinfo(pid, SIGUSR1, info) with the siginfo the caller makes (kernel/signal.c
               do_rt_sigqueueinfo; P10b): si_code b, si_pid and si_uid after the hint. */
            siginfo_t info;
            long spid = 0, suid = 0;
            sscanf(pids, "%ld,%ld", &spid, &suid);
            memset(&info, 0, sizeof info);
            info.si_signo = SIGUSR1;
            info.si_code = (int) b;
            info.si_pid = (pid_t) spid;
            info.si_uid = (uid_t) suid;
            ret = syscall(SYS_rt_sigqueueinfo, (pid_t) a, SIGUSR1, &info);
        } else if (!strcmp(op, "tgkill")) {
            ret = syscall(SYS_tgkill, (pid_t) a, (pid_t) b, SIGUSR1);
        } else if (!strcmp(op, "setpgid")) {
            ret = setpgid((pid_t) a, (pid_t) b);
        } else if (!strcmp(op, "setsid")) {
            ret = setsid();
        } else if (!strcmp(op, "getsid")) {
            ret = getsid((pid_t) a);
        } else if (!strcmp(op, "getpgid")) {
            ret = getpgid((pid_t) a);
        } else if (!strcmp(op, "sigaction")) {
            /* b: bit 0 SIG_IGN (else SIG_DFL), bit 1 SA_NOCLDWAIT (kernel/signal.c do_sigaction). */
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = (b & 1) ? SIG_IGN : SIG_DFL;
            sa.sa_flags = (b & 2) ? SA_NOCLDWAIT : 0;
            if (b & 4) {
                /* bit 2: the recording handler (P20); SA_RESTART so that the actor's read of its next command goes on */
                sa.sa_sigaction = record_siginfo;
                sa.sa_flags |= SA_SIGINFO | SA_RESTART;
            }
            ret = sigaction((int) a, &sa, NULL);
        } else if (!strcmp(op, "wstatus")) {
            /* waitpid's status word: WIFEXITED/WEXITSTATUS, WIFSIGNALED/WTERMSIG (kernel/exit.c wait_task_zombie). */
            int status = 0;
            ret = waitpid((pid_t) a, &status, 0);
            if (ret >= 0) ret = status;
        } else if (!strcmp(op, "wuntraced")) {
            /* Job control (J3): stopped and continued children too; b = 1 returns the status word
               (WIFSTOPPED 0x137f for SIGSTOP, WIFCONTINUED 0xffff) instead of the PID. */
            int status = 0;
            ret = waitpid((pid_t) a, &status, WUNTRACED | WCONTINUED);
            if (ret >= 0 && b) ret = status;
        } else if (!strcmp(op, "jsigblock") || !strcmp(op, "jsigwait")) {
            /* Job control (J5): SIGHUP and SIGCONT blocked, so an orphaned group's hang-up queues;
               sigwaitinfo then reads si_pid (0 from the kernel itself, SEND_SIG_PRIV). */
            sigset_t set;
            siginfo_t info;
            sigemptyset(&set);
            sigaddset(&set, SIGHUP);
            sigaddset(&set, SIGCONT);
            if (op[4] == 'b') ret = sigprocmask(SIG_BLOCK, &set, NULL);
            else {
                ret = sigwaitinfo(&set, &info);
                if (ret >= 0) ret = info.si_pid;
            }
        } else if (!strcmp(op, "waitid")) {
            /* a = idtype * 4 + field read back (0 si_pid, 1 si_code, 2 si_status); b = id. */
            siginfo_t info;
            memset(&info, 0, sizeof info);
            ret = waitid((idtype_t) (a / 4), (id_t) b, &info, WEXITED);
            if (ret == 0) ret = a % 4 == 0 ? (long) info.si_pid : a % 4 == 1 ? (long) info.si_code : (long) info.si_status;
        } else if (!strcmp(op, "sigblock")) {
            sigset_t set;
            sigemptyset(&set);
            sigaddset(&set, SIGUSR1);
            sigaddset(&set, SIGCHLD);
            ret = sigprocmask(SIG_BLOCK, &set, NULL);
        } else if (!strcmp(op, "sigwait")) {
            sigset_t set;
            siginfo_t info;
            sigemptyset(&set);
            sigaddset(&set, SIGUSR1);
            sigaddset(&set, SIGCHLD);
            ret = sigwaitinfo(&set, &info);
            if (ret >= 0) ret = a ? (long) info.si_uid : (long) info.si_pid;
        } else if (!strncmp(op, "msg", 3) || !strncmp(op, "sem", 3) || !strncmp(op, "shm", 3)) {
            ret = ipc_call(op, a);
            if (ret == -2) { put(reply_pipe[1], "R %d = unknown-op %s\n", me, op); continue; }
        } else if (!strcmp(op, "fsetown") || !strcmp(op, "fgetown") || !strcmp(op, "fsetsig") || !strcmp(op, "pwrite")
                || !strcmp(op, "sigwaitio")) {
            ret = fown_call(op, a, b);
        } else if (!strncmp(op, "mq", 2)) {
            ret = mq_call(op, a);
            if (ret == -2) { put(reply_pipe[1], "R %d = unknown-op %s\n", me, op); continue; }
        } else if (!strcmp(op, "sigmask") || !strcmp(op, "sigpending") || !strcmp(op, "handled")) {
            ret = handler_call(op, a, b);
        } else if (!strcmp(op, "mountproc") || !strcmp(op, "procself") || !strcmp(op, "nspid")) {
            ret = proc_call(op, a, b);
        } else if (!strcmp(op, "nsopenpid")) {
            ret = proc_call(op, a, b);
        } else if (!strcmp(op, "nssameino")) {
            ret = fd_call(op, a, b);
        } else if (!strcmp(op, "nlread")) {
            ret = ns_last_pid(0, 0);
        } else if (!strcmp(op, "nlwrite")) {
            ret = ns_last_pid(1, a);
        } else if (!strcmp(op, "subreaper")) {
            ret = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        } else if (op[0] == 'f' && (a < 0 || a >= WORDS_MAX)) {
            /* A futex word outside the shared page: not a user pointer the scenario may choose. */
            errno = EFAULT;
            ret = -1;
        } else if (!strcmp(op, "fwait")) {
            ret = syscall(SYS_futex, &WORD(a), FUTEX_WAIT, (uint32_t) b, NULL, NULL, 0);
        } else if (!strcmp(op, "fwake")) {
            ret = syscall(SYS_futex, &WORD(a), FUTEX_WAKE, (int) b, NULL, NULL, 0);
        } else if (!strcmp(op, "flock")) {
            ret = syscall(SYS_futex, &WORD(a), FUTEX_LOCK_PI, 0, NULL, NULL, 0);
        } else if (!strcmp(op, "ftrylock")) {
            ret = syscall(SYS_futex, &WORD(a), FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0);
        } else if (!strcmp(op, "robust")) {
            ret = set_robust(me, a, b);
        } else if (!strcmp(op, "funlock")) {
            ret = syscall(SYS_futex, &WORD(a), FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
        } else {
            put(reply_pipe[1], "R %d = unknown-op %s\n", me, op);
            continue;
        }
        reply(me, ret);
    }
}

/* ---- the sandbox ------------------------------------------------------------------------- */

/* An unprivileged host range: the sandbox's uid and gid 0 are kuid and kgid 100000. */
#define SANDBOX_MAP "0 100000 65536\n"
#define SANDBOX_FLAGS (CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC)
static char sandbox_error[200];
static int exe_fd = -1; /* this binary, opened before any sandbox exists */

static int sandbox_fail(const char *what) {
    snprintf(sandbox_error, sizeof sandbox_error, "%s: %s", what, strerror(errno));
    return -1;
}

/* The driver's half: the child's id maps, written by the host's root (a privileged writer needs
   no setgroups=deny, so the child can still drop its supplementary groups). `child` is what clone
   returned, never a number from a scenario. */
static int map_sandbox(pid_t child) {
    static const char *files[] = {"uid_map", "gid_map"};
    char path[64];
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "/proc/%d/%s", (int) child, files[i]);
        if (write_file(path, SANDBOX_MAP) < 0) return sandbox_fail(files[i]);
    }
    return 0;
}

/* Exits at once if the driver is gone: its end of `go` is closed (PR_SET_PDEATHSIG set before a
   parent's death fires; set after it, never). */
static void die_with_driver(int go) {
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    struct pollfd p = {go, POLLIN, 0};
    if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR))) _exit(116);
}

/*
 * The child's half, run first thing after clone(SANDBOX_FLAGS): waits until the driver has
 * written its maps (a byte on `go`), takes uid and gid 0 of the sandbox (until then its ids are
 * unmapped there: it would be 65534), drops the host root's supplementary groups (unmapped host
 * groups would still grant their access to host files), makes every mount private (nothing it
 * mounts propagates to the host) and mounts a proc of its own PID namespace on /proc, so /proc/N
 * names only the scenario's tasks and /proc/sys/kernel/ns_last_pid is its namespace's.
 */
static int enter_sandbox_mounting(int go, int own_proc);

static int enter_sandbox(int go) {
    return enter_sandbox_mounting(go, 1);
}

static int enter_sandbox_mounting(int go, int own_proc) {
    char c;
    if (read(go, &c, 1) != 1) { errno = EPIPE; return sandbox_fail("waiting for the id maps"); }
    if (setresgid(0, 0, 0) < 0) return sandbox_fail("setresgid(0)");
    if (setgroups(0, NULL) < 0) return sandbox_fail("setgroups");
    if (setresuid(0, 0, 0) < 0) return sandbox_fail("setresuid(0)");
    /* commit_creds cleared the death signal when the euid changed. */
    die_with_driver(go);
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) return sandbox_fail("making / private");
    if (own_proc && mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) return sandbox_fail("mounting proc");
    return 0;
}

/* Inode of /proc/<pid>/ns/<name> in the driver's (the host's) proc; 0 if the task is gone. */
static ino_t ns_inode(const char *pid, const char *name) {
    char path[64];
    struct stat st;
    snprintf(path, sizeof path, "/proc/%s/ns/%s", pid, name);
    return stat(path, &st) < 0 ? 0 : st.st_ino;
}

/*
 * The guard: an actor that says hello is in none of the host's user, PID (active), mount and
 * IPC namespaces, or the probe stops (exit 3) before that actor runs any call. The host's are the
 * driver's own.
 */
static long cur_id; /* the scenario running */

static void check_sandboxed(int hostpid, int who) {
    static const char *names[] = {"user", "pid", "mnt", "ipc"};
    char pid[16], seen[160];
    size_t pos = 0;
    snprintf(pid, sizeof pid, "%d", hostpid);
    seen[0] = 0;
    for (int i = 0; i < 4; i++) {
        ino_t task = ns_inode(pid, names[i]);
        pos += (size_t) snprintf(seen + pos, sizeof seen - pos, "%s%s:%lu", i ? " " : "", names[i], (unsigned long) task);
        if (task != 0 && task == ns_inode("self", names[i])) {
            printf("{\"error\":\"internal: an actor runs in the host's %s namespace\",\"internal\":true}\n", names[i]);
            fflush(stdout);
            kill(hostpid, SIGKILL);
            exit(3);
        }
    }
    /* For the runner's record (HostileScenarioTest compares them with the host's). */
    printf("{\"scenario\":%ld,\"actor\":%d,\"ns\":\"%s\"}\n", cur_id, who, seen);
}

/* The host TID of a pidfd, from its fdinfo in the driver's proc; -1 if the task is gone. */
static int pidfd_host_tid(int fd) {
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    int f = open(path, O_RDONLY | O_CLOEXEC);
    if (f < 0) return -1;
    ssize_t n = read(f, buf, sizeof buf - 1);
    close(f);
    if (n <= 0) return -1;
    buf[n] = 0;
    char *line = strstr(buf, "Pid:");
    return line ? atoi(line + 4) : -1;
}

/* ---- driver ------------------------------------------------------------------------------ */

struct step {
    int no, actor;
    char op[16];
    long a, b;
    char hint;            /* r returns, b blocks, n never returns, z dies (zombie or reaped), x dies into zap */
    char pids[64];        /* clone3's set_tid, or "-" */
    char expect[64];
    int settle;           /* job control: wait until exactly the actors in `stopped` are stopped */
    char stopped[64];     /* comma-separated actors, "-" for none */
    char deaths[128];     /* the deaths the spec says the step makes: "3z,5r" (zombie, released); "" for none */
};

static struct step steps[MAX_STEPS];
static int nsteps;
static int snap_actor[MAX_ACTORS], snap_levels[MAX_ACTORS], nsnap;

static int hostpid[MAX_ACTORS];
#define RELEASE_US 20000 /* only where a freed number cannot be watched for (tid_allocated fails) */
static int pidfd[MAX_ACTORS];
static char pending[MAX_ACTORS][64]; /* a reply read from the pipe, not yet claimed */
static char inbuf[4096];
static size_t inlen;

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Moves every complete line from the reply pipe into pending[] / hostpid[]. */
static char sandbox_failure[200]; /* an init that could not enter its sandbox says why ("F ...") */

static void drain_hellos(void) {
    for (;;) {
        int32_t who = -1;
        struct iovec iov = {&who, sizeof who};
        union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u;
        struct msghdr msg = {0};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = u.buf;
        msg.msg_controllen = sizeof u.buf;
        ssize_t r = recvmsg(hello_sock[0], &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (r < 0) return;
        int fd = -1;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) memcpy(&fd, CMSG_DATA(c), sizeof fd);
        int tid = fd >= 0 ? pidfd_host_tid(fd) : -1;
        if (r != sizeof who || who < 0 || who >= MAX_ACTORS || tid <= 0) {
            if (fd >= 0) close(fd);
            continue;
        }
        check_sandboxed(tid, who);
        hostpid[who] = tid;
        if (pidfd[who] >= 0) close(pidfd[who]);
        pidfd[who] = fd;
    }
}

static void drain(void) {
    drain_hellos();
    for (;;) {
        ssize_t r = read(reply_pipe[0], inbuf + inlen, sizeof inbuf - inlen - 1);
        if (r <= 0) break;
        inlen += (size_t) r;
    }
    char *start = inbuf, *nl;
    while ((nl = memchr(start, '\n', inlen - (size_t) (start - inbuf))) != NULL) {
        *nl = 0;
        int who;
        if (start[0] == 'F') {
            snprintf(sandbox_failure, sizeof sandbox_failure, "%s", start + 2);
        } else if (start[0] == 'R' && sscanf(start, "R %d", &who) == 1 && who >= 0 && who < MAX_ACTORS) {
            char *res = strchr(start + 2, ' ');
            snprintf(pending[who], sizeof pending[who], "%s", res ? res + 1 : "?");
        }
        start = nl + 1;
    }
    inlen -= (size_t) (start - inbuf);
    memmove(inbuf, start, inlen);
    drain_hellos(); /* a thread's hello comes before its creator's reply */
}

static int exited(int who) {
    if (pidfd[who] < 0) return 0;
    struct pollfd p = {pidfd[who], POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

/* Reads an actor's /proc/PID/stat into buf: 0 once it is gone (or unreadable), else 1 with
   *fields at the fields after "PID (comm) " (NULL if the line has no such shape). */
static int actor_stat(int who, char *buf, size_t size, const char **fields) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", hostpid[who]);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    *fields = p && p[1] == ' ' ? p + 2 : NULL;
    return 1;
}

/* 2: dead (a zombie; pidfds of a group leader whose threads live stay unreadable, see
   delay_group_leader); 1: in do_exit (PF_EXITING in /proc/PID/stat field 9) and asleep; 0: neither. */
static int exiting(int who) {
    if (hostpid[who] <= 0) return 0;
    char buf[512];
    const char *f;
    if (!actor_stat(who, buf, sizeof buf, &f)) return 2;
    if (!f) return 0;
    unsigned long flags = 0;
    char state;
    int ppid, pgrp, session, tty, tpgid;
    if (sscanf(f, "%c %d %d %d %d %d %lu", &state, &ppid, &pgrp, &session, &tty, &tpgid, &flags) != 7) return 0;
    /* Dead, or in do_exit and asleep: an init waiting in zap_pid_ns_processes has already
       disabled allocation and sent its SIGKILLs by the time it sleeps. */
    if (state == 'Z' || state == 'X') return 2;
    return (flags & PF_EXITING) != 0 && state != 'R';
}

/* The state letter of an actor in the driver's proc (R, S, T, Z, ...); 0 once it is gone. */
static char task_state(int who) {
    if (hostpid[who] <= 0) return 0;
    char buf[512];
    const char *f;
    return actor_stat(who, buf, sizeof buf, &f) && f ? f[0] : 0;
}

/*
 * Job control: a stop takes effect when its target next runs (do_signal_stop), and a continued
 * task tells its parent (CLD_CONTINUED) when it runs again; neither is the sender's doing. So
 * after a step that stops or continues, wait (at most REPLY_MS) until the actors in `list` are
 * stopped (T) and every other living actor is asleep again (not R, not T).
 */
static void settle_stops(const char *list) {
    int want[MAX_ACTORS] = {0};
    for (const char *p = list; *p; ) {
        char *end;
        long a = strtol(p, &end, 10);
        if (end == p) { p++; continue; }
        if (a >= 0 && a < MAX_ACTORS) want[a] = 1;
        p = end;
    }
    long deadline = now_ms() + REPLY_MS;
    for (;;) {
        int done = 1;
        for (int i = 0; i < MAX_ACTORS && done; i++) {
            char st = task_state(i);
            if (st == 0 || st == 'Z' || st == 'X') continue;
            if (want[i] ? st != 't' && st != 'T' : st == 'R' || st == 'T') done = 0;
        }
        if (done || now_ms() > deadline) return;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
}

/* Actor `who`'s /proc/PID/status into buf, NUL-terminated; 0 if it cannot be read. */
static int actor_status(int who, char *buf, size_t size) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", hostpid[who]);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = 0;
    return 1;
}

/* 1 while actor `who` is a thread that is not its group's leader, has exited (a zombie) and is not
   yet released: exit_notify wakes its PIDFD_THREAD pidfd before release_task frees its TID, and the
   spec's thread reaps itself in the same step (autoreap), so its death counts only once its TID is
   gone (found by `nscheck conform`: SCM_CREDENTIALS naming the dead thread's TID found it). */
static int thread_unreleased(int who) {
    if (hostpid[who] <= 0) return 0;
    char buf[2048];
    if (!actor_status(who, buf, sizeof buf)) return 0;
    char *st = strstr(buf, "\nState:"), *tg = strstr(buf, "\nTgid:");
    if (!st || !tg) return 0;
    char state = 0;
    int tgid = 0;
    sscanf(st + 7, " %c", &state);
    sscanf(tg + 6, " %d", &tgid);
    return (state == 'Z' || state == 'X') && tgid != hostpid[who];
}

/*
 * 1 while host TID `tid` still names a struct pid in the driver's PID namespace, 0 once its number
 * is freed, -1 if that cannot be told. SCM_CREDENTIALS naming a PID other than the sender's is looked
 * up by number (find_get_pid in __scm_send, net/core/scm.c; ESRCH once free_pid has run), which the
 * driver, root over the host's namespaces, may name (scm_check_creds). The message goes nowhere: a
 * socket pair of the driver's own, closed at once. The number is the driver's own reading of the
 * actor's pidfd (hostpid[]), never one a scenario names.
 */
static int tid_allocated(pid_t tid) {
    int sv[2];
    if (tid <= 0 || socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) < 0) return -1;
    struct ucred cred = {tid, getuid(), getgid()};
    char byte = 0;
    int r = send_with(sv[0], &byte, 1, SCM_CREDENTIALS, &cred, sizeof cred, MSG_DONTWAIT) >= 0 ? 1 : errno == ESRCH ? 0 : -1;
    close(sv[0]);
    close(sv[1]);
    return r;
}

/*
 * Until actor `who`'s host PID is free, or `deadline`. A task that autoreaps (a thread, or a child
 * whose parent ignores SIGCHLD: exit_notify's release_task in the dying task's own context,
 * kernel/exit.c) drops its pid links first, so /proc and pidfds show it gone, and frees its numbers
 * (free_pids, once tasklist_lock is dropped) only a moment later; the spec frees both in one step.
 * A task preempted in that moment kept its number for as long as it waited to run (seen on 6.18
 * under load: SCM_CREDENTIALS naming a dead thread's TID found it), and the numbers it holds in a
 * PID namespace whose init is in zap_pid_ns_processes keep that init waiting (pid_allocated), so
 * the driver watches for the number to go instead of giving it a fixed time.
 */
static void await_pid_freed(int who, long deadline) {
    int allocated;
    while ((allocated = tid_allocated(hostpid[who])) == 1 && now_ms() < deadline) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    if (allocated < 0) usleep(RELEASE_US);
}

/*
 * After a step: until the kernel has finished the deaths the spec says it made (`list`: "3z,5r",
 * actor 3 now a zombie, actor 5 released), at most REPLY_MS. The call that caused them has returned
 * by now, but the kernel finishes some deaths in the dying task's own time: an autoreap frees the
 * numbers after the task is gone from /proc (await_pid_freed), and a namespace init killed while
 * other tasks held numbers in its namespace leaves zap_pid_ns_processes only when the last one's
 * free_pid wakes it (pid_allocated == init_pids, kernel/pid_namespace.c; wake_up_process in
 * free_pid, kernel/pid.c) and then runs exit_notify, which makes it a zombie (or releases it) in
 * its own time. The spec takes all of that with the step; a next step sent sooner would find the
 * init still in zap (no zombie for its parent's wait, its numbers still held). A death the kernel
 * does not finish shows as a mismatch at the next step, after the wait.
 */
static void settle_deaths(const char *list) {
    long deadline = now_ms() + REPLY_MS;
    for (const char *p = list; *p; ) {
        char *end;
        long a = strtol(p, &end, 10);
        if (end == p) { p++; continue; }
        char how = *end;
        p = *end ? end + 1 : end;
        if (a < 0 || a >= MAX_ACTORS || hostpid[a] <= 0) continue;
        if (how == 'r') {
            await_pid_freed((int) a, deadline);
        } else if (how == 'z') {
            /* A zombie: its pidfd polls readable (a leader without threads, do_notify_pidfd), or
               /proc shows Z (exit_state set under tasklist_lock, where wait_consider_task reads it). */
            while (!exited((int) a) && exiting((int) a) != 2 && now_ms() < deadline) {
                struct timespec ts = {0, 1000000};
                nanosleep(&ts, NULL);
            }
        }
    }
}

/* Waits for a reply line or for actor `who` to exit, at most `ms` milliseconds. */
static void wait_input(int who, int ms) {
    struct pollfd p[3] = {{reply_pipe[0], POLLIN, 0}, {hello_sock[0], POLLIN, 0}, {who >= 0 ? pidfd[who] : -1, POLLIN, 0}};
    poll(p, 3, ms);
    drain();
}

/* A handler of actor `who` may have yet to run: the actor is running (it may be inside one), or
   has a caught signal pending that it does not block (/proc/PID/status: SigPnd or ShdPnd, less
   SigBlk, within SigCgt). The kernel runs handlers when their thread next returns to user space,
   not when the signal is sent; the spec runs them at once (P20, P22). Likewise an ignored one
   (SigIgn, or SIG_DFL with a default of "ignore": sig_kernel_ignore): a thread that does not
   block a process-directed signal queued at one that does is woken to take it (complete_signal),
   and the spec has it taken at once too (P23). */
static int handler_due(int who) {
    if (hostpid[who] <= 0 || exited(who)) return 0;
    char buf[2048];
    if (!actor_status(who, buf, sizeof buf)) return 0;
    char state = 'S';
    unsigned long pnd = 0, shd = 0, blk = 0, cgt = 0, ign = 0;
    char *l;
    if ((l = strstr(buf, "\nState:"))) sscanf(l + 8, " %c", &state);
    if ((l = strstr(buf, "\nSigPnd:"))) sscanf(l + 9, " %lx", &pnd);
    if ((l = strstr(buf, "\nShdPnd:"))) sscanf(l + 9, " %lx", &shd);
    if ((l = strstr(buf, "\nSigBlk:"))) sscanf(l + 9, " %lx", &blk);
    if ((l = strstr(buf, "\nSigCgt:"))) sscanf(l + 9, " %lx", &cgt);
    if ((l = strstr(buf, "\nSigIgn:"))) sscanf(l + 9, " %lx", &ign);
    /* SIG_KERNEL_IGNORE_MASK: what SIG_DFL drops in get_signal */
    unsigned long dfl_ign = (1UL << (SIGCHLD - 1)) | (1UL << (SIGCONT - 1)) | (1UL << (SIGURG - 1)) | (1UL << (SIGWINCH - 1));
    /* X: dead and not yet released (an autoreaped child, release_task after exit_notify): its
       number still resolves until then, while the spec has released it with the death step. */
    if (state == 'X') return 1;
    if (state == 'Z') return 0;
    if (state == 'T' || state == 't') return 0; /* stopped: its handlers wait for SIGCONT (J-rules) */
    return state == 'R' || ((pnd | shd) & ~blk & (cgt | ign | dfl_ign)) != 0;
}

/* After a step, until no actor has a handler left to run or a release to finish (at most
   REPLY_MS): what the handlers record then follows the steps' order, as the spec's records do. */
static void settle_handlers(void) {
    long until = now_ms() + REPLY_MS;
    for (;;) {
        /* A zombie the spec releases with the step was waited for already (settle_deaths). */
        int due = 0;
        for (int i = 0; i < MAX_ACTORS && !due; i++) due = handler_due(i);
        if (!due || now_ms() >= until) return;
        wait_input(-1, 1);
    }
}

/*
 * What the step's actor was seen to do: its reply, "= ?" once it has died (or, for an init
 * killing its namespace, started to), or "<unfinished ...>" if neither happened in time.
 */
static void await(int who, char hint, int want_hello, char *out, size_t outlen) {
    int ms = hint == 'b' ? BLOCKED_MS : hint == 'r' ? REPLY_MS : DEATH_MS;
    long deadline = now_ms() + ms;
    for (;;) {
        drain();
        /* A clone's result counts once its child has said hello; a failed clone has no child. */
        if (pending[who][0] && (!want_hello || hostpid[want_hello] > 0 || !strncmp(pending[who], "= -1", 4))) {
            snprintf(out, outlen, "%s", pending[who]);
            pending[who][0] = 0;
            return;
        }
        if (hint != 'r' && hint != 'b') {
            int ex = exiting(who);
            if ((exited(who) || ex == 2 || (hint != 'z' && ex == 1)) && !thread_unreleased(who)) {
                drain();
                if (pending[who][0]) { snprintf(out, outlen, "%s", pending[who]); pending[who][0] = 0; return; }
                snprintf(out, outlen, "= ?");
                return;
            }
        }
        long left = deadline - now_ms();
        if (left <= 0) {
            if (pending[who][0]) { snprintf(out, outlen, "%s", pending[who]); pending[who][0] = 0; return; }
            snprintf(out, outlen, "<unfinished ...>");
            return;
        }
        /* Short ticks only while watching for PF_EXITING, which no file descriptor signals. */
        int tick = hint == 'b' || hint == 'r' ? 50 : 2;
        wait_input(who, left < tick ? (int) left : tick);
    }
}

static void json_string(const char *s) {
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

/* NSpid of an actor, innermost `levels` numbers (the levels the scenario can see). */
static void nspid(int who, int levels, char *out, size_t outlen) {
    snprintf(out, outlen, "gone");
    if (hostpid[who] <= 0) return;
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/%d/status", hostpid[who]);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return;
    buf[n] = 0;
    char *line = strstr(buf, "\nNSpid:");
    if (!line) return;
    line += 7;
    char *end = strchr(line, '\n');
    if (end) *end = 0;
    int nums[64], count = 0;
    char *tok = strtok(line, " \t");
    while (tok && count < 64) { nums[count++] = atoi(tok); tok = strtok(NULL, " \t"); }
    size_t pos = 0;
    out[0] = 0;
    for (int i = count - levels; i < count; i++)
        if (i >= 0) pos += (size_t) snprintf(out + pos, outlen - pos, pos ? " %d" : "%d", nums[i]);
}

static void words_text(int nwords, char *out, size_t outlen) {
    size_t pos = 0;
    out[0] = 0;
    for (int i = 0; i < nwords; i++) pos += (size_t) snprintf(out + pos, outlen - pos, "%s%u", i ? " " : "", WORD(i));
}

/* Reports why no sandbox could be made and stops: never run a scenario outside one (exit 2). */
static void no_sandbox(long id, const char *why) {
    if (id >= 0) printf("{\"scenario\":%ld,\"error\":", id);
    else printf("{\"error\":");
    printf("\"no permission for the kernel runner (user, mount, PID and IPC namespaces): ");
    for (const char *c = why; *c; c++) { if (*c == '"' || *c == '\\') putchar('\\'); putchar(*c); }
    printf("\"}\n");
    fflush(stdout);
    exit(2);
}

/*
 * Clones a sandboxed child that runs `child_main(arg)` once inside (it never returns); the driver
 * maps it and lets it go. Returns its host pid; on failure reports it and exits 2. `go` stays open
 * in the driver until the child is reaped: its end of file tells the child the driver died.
 */
static pid_t sandbox_clone(long id, int flags, void (*child_main)(int go, void *arg), void *arg, int *go_out) {
    int go[2];
    if (pipe2(go, O_CLOEXEC) < 0) { perror("nsprobe: pipe"); exit(3); }
    pid_t child = (pid_t) syscall(SYS_clone, (unsigned long) flags | SIGCHLD, NULL, NULL, NULL, NULL);
    if (child < 0) {
        sandbox_fail(flags & CLONE_NEWPID ? "clone(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC)"
                                          : "clone(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWIPC)");
        no_sandbox(id, sandbox_error);
    }
    if (child == 0) {
        close(go[1]);
        child_main(go[0], arg);
        _exit(117);
    }
    close(go[0]);
    if (map_sandbox(child) < 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        no_sandbox(id, sandbox_error);
    }
    if (write(go[1], "1", 1) != 1) { perror("nsprobe: pipe"); exit(3); }
    *go_out = go[1];
    return child;
}

/*
 * The vetted host calls (`nsprobe --host-kthreads`): the only calls that name a task of the host's
 * PID namespace, because only there do kernel threads hold low numbers. The target is the
 * compiled-in KTHREADD (PID 2, which rest_init gives kthreadd), checked to be a kernel thread
 * before anything runs; no number comes from the input. The caller is a child in fresh user, mount
 * and IPC namespaces but the host's PID namespace: the sandbox's root (kuid 100000), holding no
 * capability in init_user_ns, with no_new_privs. Each call is harmless by construction: signal 0
 * (and refused), a non-blocking wait, process-group reads, a PI trylock on the child's own word, a
 * pidfd that is only waited on and refused as a setns target.
 */
#define KTHREADD 2
#define PF_KTHREAD 0x00200000

static void kthread_result(int out, const char *call, long ret) {
    char line[160];
    int n = ret < 0 ? snprintf(line, sizeof line, "{\"kthread\":%d,\"call\":\"%s\",\"result\":\"= -1 %s\"}\n", KTHREADD, call, errno_name(errno))
                    : snprintf(line, sizeof line, "{\"kthread\":%d,\"call\":\"%s\",\"result\":\"= %ld\"}\n", KTHREADD, call, ret);
    if (write(out, line, (size_t) n) < 0) _exit(111);
}

/*
 * The conform area "kthreads" (`nsprobe --host-kthreads MODE CALLS`): the same caller, made less
 * privileged by MODE, makes calls picked by letter from a fixed table, in the order given. Only the
 * choice and order vary; every call names the compiled-in KTHREADD and is one of the harmless ones
 * above (a signal refused by kill_ok_by_cred and ignored by a kernel thread anyway, a non-blocking
 * wait, a PI trylock on the caller's own word, a refused setns).
 *   MODE 0: the sandbox's root; 1: setresuid(1000) in the sandbox (kuid 101000); 2: a fresh user
 *   namespace below the sandbox's, unmapped (its creator holds every capability there, none above).
 *   CALLS: k kill(2, 0), K kill(2, SIGKILL), q rt_sigqueueinfo(2, SIGUSR1), w waitpid(2, WNOHANG),
 *   t FUTEX_TRYLOCK_PI on a word holding 2, s setns(pidfd_open(2), CLONE_NEWPID).
 */
#define KTHREAD_CALLS "kKqwts"
#define KTHREAD_MAX_CALLS 16

static int kthread_mode = -1;
static char kthread_calls[KTHREAD_MAX_CALLS + 1];

static void kthread_call(int out, char c, uint32_t *word) {
    int status;
    errno = 0;
    switch (c) {
    case 'k': kthread_result(out, "kill(2, 0)", syscall(SYS_kill, KTHREADD, 0)); break;
    case 'K': kthread_result(out, "kill(2, SIGKILL)", syscall(SYS_kill, KTHREADD, SIGKILL)); break;
    case 'q': {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        si.si_signo = SIGUSR1;
        si.si_code = SI_QUEUE;
        si.si_pid = getpid();
        si.si_uid = getuid();
        kthread_result(out, "sigqueue(2, SIGUSR1)", syscall(SYS_rt_sigqueueinfo, KTHREADD, SIGUSR1, &si));
        break;
    }
    case 'w': kthread_result(out, "waitpid(2, WNOHANG)", waitpid(KTHREADD, &status, WNOHANG)); break;
    case 't': kthread_result(out, "futex(FUTEX_TRYLOCK_PI, owner 2)", syscall(SYS_futex, word, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0)); break;
    case 's': {
        int fd = (int) syscall(SYS_pidfd_open, KTHREADD, 0);
        if (fd < 0) { kthread_result(out, "setns(pidfd(2), CLONE_NEWPID)", -1); break; }
        errno = 0;
        kthread_result(out, "setns(pidfd(2), CLONE_NEWPID)", setns(fd, CLONE_NEWPID));
        close(fd);
        break;
    }
    }
}

static void host_kthreads_chosen(int out) {
    if (kthread_mode == 1 && setresuid(1000, 1000, 1000) < 0) { dprintf(out, "F setresuid(1000): %s\n", strerror(errno)); _exit(2); }
    if (kthread_mode == 2 && unshare(CLONE_NEWUSER) < 0) { dprintf(out, "F unshare(CLONE_NEWUSER): %s\n", strerror(errno)); _exit(2); }
    static uint32_t word = KTHREADD;
    for (const char *c = kthread_calls; *c; c++) kthread_call(out, *c, &word);
    _exit(0);
}

static void host_kthreads_child(int go, void *arg) {
    int out = *(int *) arg;
    if (enter_sandbox_mounting(go, 0) < 0) {
        dprintf(out, "F %s\n", sandbox_error);
        _exit(2);
    }
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (kthread_mode >= 0) host_kthreads_chosen(out);
    errno = 0;
    kthread_result(out, "kill(2, 0)", syscall(SYS_kill, KTHREADD, 0));
    int status;
    errno = 0;
    kthread_result(out, "waitpid(2, WNOHANG)", waitpid(KTHREADD, &status, WNOHANG));
    errno = 0;
    kthread_result(out, "getpgid(2)", getpgid(KTHREADD));
    errno = 0;
    kthread_result(out, "getsid(2)", getsid(KTHREADD));
    /* attach_to_pi_owner: the owner TID is looked up in the caller's PID namespace, the host's. */
    static uint32_t word = KTHREADD;
    errno = 0;
    kthread_result(out, "futex(FUTEX_TRYLOCK_PI, owner 2)", syscall(SYS_futex, &word, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0));
    errno = 0;
    int fd = (int) syscall(SYS_pidfd_open, KTHREADD, 0);
    kthread_result(out, "pidfd_open(2)", fd < 0 ? -1 : 0);
    if (fd >= 0) {
        siginfo_t info;
        errno = 0;
        kthread_result(out, "waitid(P_PIDFD, WEXITED|WNOHANG)", waitid(P_PIDFD, (id_t) fd, &info, WEXITED | WNOHANG));
        errno = 0;
        kthread_result(out, "setns(pidfd(2), CLONE_NEWPID)", setns(fd, CLONE_NEWPID));
        close(fd);
    }
    _exit(0);
}

static int host_kthreads(void) {
    /* The driver's own check of its constant: kthreadd (ppid 0, PF_KTHREAD) in this PID namespace. */
    char buf[512];
    int f = open("/proc/2/stat", O_RDONLY | O_CLOEXEC);
    ssize_t n = f < 0 ? -1 : read(f, buf, sizeof buf - 1);
    if (f >= 0) close(f);
    unsigned long flags = 0;
    int ppid = -1;
    if (n > 0) {
        buf[n] = 0;
        char *p = strrchr(buf, ')');
        char state;
        int pgrp, session, tty, tpgid;
        if (!p || sscanf(p + 2, "%c %d %d %d %d %d %lu", &state, &ppid, &pgrp, &session, &tty, &tpgid, &flags) != 7) ppid = -1;
    }
    if (ppid != 0 || !(flags & PF_KTHREAD)) {
        printf("{\"error\":\"PID 2 is not kthreadd here: the probe is not in the host's PID namespace\"}\n");
        return 2;
    }
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0) { perror("nsprobe: pipe"); return 3; }
    int go;
    /* CLONE_NEWPID left out: the caller must name the host's PID 2. */
    pid_t child = sandbox_clone(-1, SANDBOX_FLAGS & ~CLONE_NEWPID, host_kthreads_child, &p[1], &go);
    close(p[1]);
    FILE *in = fdopen(p[0], "r");
    char line[256];
    int failed = 0;
    while (in && fgets(line, sizeof line, in)) {
        if (line[0] == 'F') { line[strcspn(line, "\n")] = 0; failed = 1; waitpid(child, NULL, 0); no_sandbox(-1, line + 2); }
        fputs(line, stdout);
    }
    if (in) fclose(in);
    int status = 0;
    waitpid(child, &status, 0);
    close(go);
    fflush(stdout);
    return failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ? 3 : 0;
}

/* The scenario init's first half: enter the sandbox, then exec this binary as its init. */
static void scenario_init_exec(int go, void *arg) {
    (void) arg;
    if (enter_sandbox(go) < 0) {
        put(reply_pipe[1], "F %s\n", sandbox_error);
        _exit(2);
    }
    /* Actors never print: the runner sees end of file as soon as the probe exits. */
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    dup2(devnull, 1);
    close(devnull);
    for (int i = 0; i < MAX_ACTORS; i++) close(cmd_pipe[i][1]);
    close(reply_pipe[0]);
    close(hello_sock[0]);
    /* What the init keeps across exec: its command pipes, the reply pipe, the hello socket, the
       futex words and `go`. */
    char fds[400];
    size_t pos = (size_t) snprintf(fds, sizeof fds, "%d %d %d %d", reply_pipe[1], hello_sock[1], words_fd, go);
    int keep[] = {reply_pipe[1], hello_sock[1], words_fd, go};
    for (int i = 0; i < 4; i++) fcntl(keep[i], F_SETFD, 0);
    for (int i = 0; i < MAX_ACTORS; i++) {
        fcntl(cmd_pipe[i][0], F_SETFD, 0);
        pos += (size_t) snprintf(fds + pos, sizeof fds - pos, " %d", cmd_pipe[i][0]);
    }
    char *argv[] = {"nsprobe", "--scenario-init", fds, NULL};
    char *envp[] = {NULL};
    /* By descriptor: the sandbox's root may search none of the host root's directories. The new
       mm belongs to the sandbox's user namespace (a non-dumpable task then answers to the
       sandbox's CAP_SYS_PTRACE, as every task the spec boots does). */
    syscall(SYS_execveat, exe_fd, "", argv, envp, AT_EMPTY_PATH);
    put(reply_pipe[1], "F exec of the probe in the sandbox: %s\n", strerror(errno));
    _exit(2);
}

/* The scenario init after exec: actor 0 (argv[2] is what scenario_init_exec passed). */
static int scenario_init(const char *fds) {
    int go, used;
    /* A scenario starts from the dispositions a fresh task has: an ignored signal survives fork and
       execve (signal(7)), so a runner started under nohup(1) would hand every actor an ignored
       SIGHUP and kill_orphaned_pgrp's SIGHUP would not kill (job-control). SIGPIPE stays ignored,
       as the probe's main set it (write(2) answers EPIPE, which the spec's sockets expect). */
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP && sig != SIGPIPE) signal(sig, SIG_DFL);
    if (sscanf(fds, "%d %d %d %d%n", &reply_pipe[1], &hello_sock[1], &words_fd, &go, &used) != 4) return 113;
    die_with_driver(go);
    close(go);
    const char *p = fds + used;
    for (int i = 0; i < MAX_ACTORS; i++) {
        int n;
        if (sscanf(p, "%d%n", &cmd_pipe[i][0], &n) != 1) return 113;
        p += n;
        cmd_pipe[i][1] = -1;
    }
    reply_pipe[0] = hello_sock[0] = -1;
    words = mmap(NULL, WORDS_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, words_fd, 0);
    if (words == MAP_FAILED) return 113;
    map_uid = geteuid();
    map_gid = getegid();
    /* Its own session and process group, SID and PGID 1 as the spec's boot session and group:
       kill(0) and kill(-pgid) by the actors then never reach the probe or the JVM that runs it,
       and getsid/getpgid/setpgid see the session the spec's root init leads (issue 19). */
    setsid();
    async_pipe();
    hello(0);
    actor(0);
    return 0;
}

static void run_scenario(long id, int nwords) {
    cur_id = id;
    words_fd = memfd_create("nsprobe-words", MFD_CLOEXEC);
    if (words_fd < 0 || ftruncate(words_fd, WORDS_BYTES) < 0) { perror("nsprobe: memfd"); exit(3); }
    words = mmap(NULL, WORDS_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, words_fd, 0);
    if (words == MAP_FAILED) { perror("nsprobe: mmap"); exit(3); }
    for (int i = 0; i < MAX_ACTORS; i++) {
        if (pipe2(cmd_pipe[i], O_CLOEXEC) < 0) { perror("nsprobe: pipe"); exit(3); }
        hostpid[i] = 0;
        pidfd[i] = -1;
        pending[i][0] = 0;
    }
    if (pipe2(reply_pipe, O_CLOEXEC) < 0) { perror("nsprobe: pipe"); exit(3); }
    if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, hello_sock) < 0) { perror("nsprobe: socketpair"); exit(3); }
    inlen = 0;
    sandbox_failure[0] = 0;
    /* The IPC namespace makes SysV objects a scenario creates die with it when the scenario's last
       task does (free_ipc_ns), so nothing outlives a scenario. */
    int go;
    pid_t init = sandbox_clone(id, SANDBOX_FLAGS, scenario_init_exec, NULL, &go);
    for (int i = 0; i < MAX_ACTORS; i++) close(cmd_pipe[i][0]);
    close(reply_pipe[1]);
    close(hello_sock[1]);
    fcntl(reply_pipe[0], F_SETFL, O_NONBLOCK);
    long deadline = now_ms() + REPLY_MS;
    while (hostpid[0] == 0 && !sandbox_failure[0] && now_ms() < deadline) wait_input(-1, 10);
    if (sandbox_failure[0]) {
        waitpid(init, NULL, 0);
        no_sandbox(id, sandbox_failure);
    }

    /* NS_GET_ID's values (6.18: per-CPU batched cookies, boot- and CPU-dependent; N8) are shown as
       "#k", the k-th distinct id this scenario has seen: what the spec predicts is which
       observations name one namespace, not the numbers. */
    uint64_t seen_ids[64];
    int nseen_ids = 0;
    for (int s = 0; s < nsteps; s++) {
        struct step *st = &steps[s];
        char result[64];
        if (strcmp(st->op, "deliver") && strcmp(st->op, "freturn")) {
            char cmd[192];
            int n = snprintf(cmd, sizeof cmd, "%s %ld %ld %s\n", st->op, st->a, st->b, st->pids);
            if (is_clone(st->op)) hostpid[st->b] = 0;
            if (write(cmd_pipe[st->actor][1], cmd, (size_t) n) < 0) {
                snprintf(result, sizeof result, "<actor gone>");
                goto report;
            }
        }
        await(st->actor, st->hint, is_clone(st->op) ? (int) st->b : 0, result, sizeof result);
        if (is_clone(st->op) && strncmp(result, "= -1", 4) != 0 && result[0] == '=') {
            /* Success: wait for the child's hello, so that later steps can watch it die. */
            long until = now_ms() + REPLY_MS;
            while (hostpid[st->b] == 0 && now_ms() < until) wait_input(-1, 10);
        }
        if (!strcmp(st->op, "nsioctl") && (st->b >> 32) == 13 && result[0] == '=' && result[2] != '-' && result[2] != '?') {
            uint64_t v = strtoull(result + 2, NULL, 10);
            int k = 0;
            while (k < nseen_ids && seen_ids[k] != v) k++;
            if (k == nseen_ids && nseen_ids < 64) seen_ids[nseen_ids++] = v;
            snprintf(result, sizeof result, "= #%d", k + 1);
        }
        if (st->deaths[0] && !strcmp(result, st->expect)) settle_deaths(st->deaths);
        if (st->settle) settle_stops(st->stopped);
        settle_handlers();
    report:;
        char w[128];
        words_text(nwords, w, sizeof w);
        int match = strcmp(result, st->expect) == 0;
        printf("{\"scenario\":%ld,\"step\":%d,\"actor\":%d,\"result\":", id, st->no, st->actor);
        json_string(result);
        if (nwords > 0) { printf(",\"words\":"); json_string(w); }
        printf("}\n");
        if (!match) break;
    }
    for (int i = 0; i < nsnap; i++) {
        char text[256];
        nspid(snap_actor[i], snap_levels[i], text, sizeof text);
        printf("{\"scenario\":%ld,\"actor\":%d,\"nspid\":", id, snap_actor[i]);
        json_string(text);
        printf("}\n");
    }
    /* Clean-up: the init's death zaps the namespace; reaping it means the namespace is empty. */
    kill(init, SIGKILL);
    while (waitpid(init, NULL, 0) < 0 && errno == EINTR) {}
    close(go);
    for (int i = 0; i < MAX_ACTORS; i++) {
        close(cmd_pipe[i][1]);
        if (pidfd[i] >= 0) close(pidfd[i]);
    }
    close(reply_pipe[0]);
    close(hello_sock[0]);
    munmap((void *) words, WORDS_BYTES);
    close(words_fd);
    printf("{\"scenario\":%ld,\"done\":true}\n", id);
    fflush(stdout);
}

static int own_level(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[512];
    int level = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, "NSpid:", 6)) continue;
        for (char *p = strtok(line + 6, " \t\n"); p; p = strtok(NULL, " \t\n")) level++;
        level--;
    }
    if (f) fclose(f);
    return level;
}

/* pid_max read inside a sandbox, sent on the pipe `arg` points to ("F why" if it cannot enter). */
static void pid_max_child(int go, void *arg) {
    int out = *(int *) arg;
    char buf[240] = "0";
    if (enter_sandbox(go) < 0) {
        snprintf(buf, sizeof buf, "F %s", sandbox_error);
    } else {
        int fd = open("/proc/sys/kernel/pid_max", O_RDONLY);
        ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
        if (n > 0) buf[n] = 0;
    }
    if (write(out, buf, strlen(buf)) < 0) _exit(1);
    _exit(0);
}

/*
 * pid_max as the scenarios see it. Since 6.14 each PID namespace has its own pid_max, and a new
 * namespace starts at PID_MAX_LIMIT whatever its parent's is, so it is read in a fresh sandbox,
 * not here. Making that sandbox is also the privilege check: exit 2 if it fails.
 */
static long scenario_pid_max(void) {
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0) { perror("nsprobe: pipe"); exit(3); }
    int go;
    pid_t child = sandbox_clone(-1, SANDBOX_FLAGS, pid_max_child, &p[1], &go);
    close(p[1]);
    char buf[240];
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    close(p[0]);
    waitpid(child, NULL, 0);
    close(go);
    if (n <= 0) return 0;
    buf[n] = 0;
    if (buf[0] == 'F') no_sandbox(-1, buf + 2);
    return atol(buf);
}

int main(int argc, char **argv) {
    if (argc == 3 && !strcmp(argv[1], "--scenario-init")) return scenario_init(argv[2]);
    /* The probe dies with the JVM that runs it (prctl(2) PR_SET_PDEATHSIG), its scenario inits
       with it (their own PDEATHSIG), so a killed nscheck leaves nothing starting processes. The
       parent may have died before the prctl: the runner passes its pid, and a different
       parent means it is gone already. */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    const char *runner = getenv("NSPROBE_PARENT");
    if (runner && atol(runner) != (long) getppid()) return 4;
    signal(SIGPIPE, SIG_IGN);
    /* The sandbox's root may not raise the hard limit (CAP_SYS_RESOURCE in init_user_ns), and
       apply_nproc lifts a task's soft limit back to it: RLIM_INFINITY if the host's root may set it
       (a host without CAP_SYS_RESOURCE keeps its hard limit, thousands, as good as unlimited for
       the few tasks of a scenario). */
    struct rlimit unlimited = {RLIM_INFINITY, RLIM_INFINITY};
    setrlimit(RLIMIT_NPROC, &unlimited);
    if (argc == 2 && !strcmp(argv[1], "--host-kthreads")) return host_kthreads();
    if (argc == 4 && !strcmp(argv[1], "--host-kthreads")) {
        /* Only a mode digit and letters of the fixed table: nothing else is accepted. */
        size_t n = strlen(argv[3]);
        if (strlen(argv[2]) != 1 || argv[2][0] < '0' || argv[2][0] > '2' || n == 0 || n > KTHREAD_MAX_CALLS
                || strspn(argv[3], KTHREAD_CALLS) != n) {
            printf("{\"error\":\"--host-kthreads takes a mode 0..2 and 1..%d letters of %s\"}\n", KTHREAD_MAX_CALLS, KTHREAD_CALLS);
            return 2;
        }
        kthread_mode = argv[2][0] - '0';
        memcpy(kthread_calls, argv[3], n + 1);
        return host_kthreads();
    }
    exe_fd = open("/proc/self/exe", O_PATH | O_CLOEXEC);
    if (exe_fd < 0) { perror("nsprobe: /proc/self/exe"); return 3; }
    long pid_max = scenario_pid_max();
    /* The scenario namespace is one level below the probe's. */
    printf("{\"hello\":\"nsprobe/1\",\"pid_max\":%ld,\"level\":%d}\n", pid_max, own_level() + 1);
    fflush(stdout);
    char line[512]; /* a step: op, arguments, set_tid, stopped and dying actors, expected result */
    long id = -1;
    int nwords = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (!strncmp(line, "scenario ", 9)) {
            sscanf(line + 9, "%ld %d", &id, &nwords);
            if (nwords > MAX_WORDS) nwords = MAX_WORDS;
            nsteps = 0;
            nsnap = 0;
        } else if (!strncmp(line, "snapshot", 8)) {
            char *p = line + 8;
            int a, l, used;
            while (nsnap < MAX_ACTORS && sscanf(p, "%d %d%n", &a, &l, &used) == 2) {
                if (a < 0 || a >= MAX_ACTORS || l < 1 || l > 64) {
                    fprintf(stderr, "nsprobe: bad snapshot line: %s\n", line);
                    return 2;
                }
                snap_actor[nsnap] = a;
                snap_levels[nsnap++] = l;
                p += used;
            }
        } else if (!strcmp(line, "end")) {
            run_scenario(id, nwords);
        } else if (line[0] && nsteps < MAX_STEPS) {
            struct step *st = &steps[nsteps];
            char *bar = strchr(line, '|');
            if (bar) { *bar = 0; snprintf(st->expect, sizeof st->expect, "%s", bar + 1); }
            else st->expect[0] = 0;
            /* "~3z,5r" after the stopped list, before the '|': the deaths the step makes (settle_deaths). */
            char *tilde = strchr(line, '~');
            st->deaths[0] = 0;
            if (tilde) { *tilde = 0; snprintf(st->deaths, sizeof st->deaths, "%s", tilde + 1); }
            /* "^1,3" before the '|': after this step actors 1 and 3 are stopped, the others not (job control). */
            char *caret = strchr(line, '^');
            st->settle = caret != NULL;
            if (caret) { *caret = 0; snprintf(st->stopped, sizeof st->stopped, "%s", caret + 1); }
            snprintf(st->pids, sizeof st->pids, "-");
            int got = sscanf(line, "%d %d %15s %ld %ld %c %63s", &st->no, &st->actor, st->op, &st->a, &st->b, &st->hint, st->pids);
            if (got >= 6
                    && st->actor >= 0 && st->actor < MAX_ACTORS
                    && (!is_clone(st->op) || (st->b > 0 && st->b < MAX_ACTORS)))
                nsteps++;
            else {
                fprintf(stderr, "nsprobe: bad step line: %s\n", line);
                return 2;
            }
        }
    }
    return 0;
}
