/*
 * nsprobe: runs conformance scenarios on the real kernel for `nscheck conform`.
 *
 * The Java runner compiles this file with gcc on first use (see nscheck.checkers.conform.Probe)
 * and writes scenarios to its stdin; each observation comes back on stdout as one JSON line.
 *
 * Input, one scenario at a time:
 *   scenario <id> <words>
 *   <step> <actor> <op> <arg1> <arg2> <hint> [<pids>] |<expected result>
 *                                       (pids: clone3's set_tid, comma-separated, innermost first)
 *   ...
 *   snapshot <actor> <levels> ...      NSpid of these actors at the end, innermost <levels> numbers
 *   end
 *
 * Each scenario runs in a fresh PID (and IPC) namespace: the probe (the driver) clones the
 * scenario's init with CLONE_NEWPID | CLONE_NEWIPC, and that init is actor 0, the spec's root
 * init. PIDs are deterministic because nothing else ever runs in that namespace: every number
 * the actors see was handed out by a call in the scenario. Actors are processes; each reads commands from its own pipe, runs one
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
#include <sys/resource.h>
#include <sys/mman.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
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
static volatile uint32_t *words;

static const char *errno_name(int e) {
    switch (e) {
    case EPERM: return "EPERM";   case ENOENT: return "ENOENT"; case ESRCH: return "ESRCH";   case EINTR: return "EINTR";
    case ECHILD: return "ECHILD"; case EAGAIN: return "EAGAIN"; case ENOMEM: return "ENOMEM";
    case EFAULT: return "EFAULT"; case EBUSY: return "EBUSY";   case EEXIST: return "EEXIST"; case EACCES: return "EACCES";
    case EINVAL: return "EINVAL"; case ENOSPC: return "ENOSPC"; case ERANGE: return "ERANGE";
    case ENOMSG: return "ENOMSG"; case EIDRM: return "EIDRM";
    case EDEADLK: return "EDEADLK"; case ETIMEDOUT: return "ETIMEDOUT"; case EOWNERDEAD: return "EOWNERDEAD";
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

static int host_tid(void) {
    /* /proc/thread-self resolves in the proc mount's namespace (the driver's), as "TGID/task/TID". */
    char buf[64];
    ssize_t n = readlink("/proc/thread-self", buf, sizeof buf - 1);
    if (n <= 0) return -1;
    buf[n] = 0;
    char *tid = strrchr(buf, '/');
    return atoi(tid ? tid + 1 : buf);
}

static void actor(int me);

struct thread_start { int parent, me; };

/* A thread made by clone(CLONE_THREAD) (through pthread_create, which sets up its TLS): it
   answers its creator's clone with its TID, as the raw call would return it, and becomes an actor. */
static void *thread_main(void *arg) {
    struct thread_start st = *(struct thread_start *) arg;
    free(arg);
    put(reply_pipe[1], "H %d %d\n", st.me, host_tid());
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

/* The spec's one Unix stream socket (AfUnixRules): an abstract address per scenario, so nothing is
   left on disk and concurrent probes never meet. The listener accepts lazily, on its next socket
   call: unix_stream_connect already gave the server socket the client's credentials
   (init_peercred), so an accept after connect sees what the spec's accept-at-connect does. */
static char sock_name[64];
static int listen_fd = -1, server_fd = -1, client_fd = -1;

static socklen_t sock_addr(struct sockaddr_un *sa) {
    memset(sa, 0, sizeof *sa);
    sa->sun_family = AF_UNIX;
    size_t n = strlen(sock_name);
    memcpy(sa->sun_path + 1, sock_name, n); /* sun_path[0] == 0: abstract */
    return (socklen_t) (offsetof(struct sockaddr_un, sun_path) + 1 + n);
}

static long sock_call(const char *op) {
    struct sockaddr_un sa;
    if (listen_fd >= 0 && server_fd < 0) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            int one = 1;
            setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
            server_fd = fd;
        }
    }
    if (!strcmp(op, "listen")) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0) return -1;
        socklen_t len = sock_addr(&sa);
        if (bind(fd, (struct sockaddr *) &sa, len) < 0 || listen(fd, 1) < 0) {
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        listen_fd = fd;
        return 0;
    }
    if (!strcmp(op, "connect")) {
        if (client_fd < 0) {
            client_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
            if (client_fd < 0) return -1;
            /* The spec's receiver has SO_PASSCRED (C2); the not yet accepted server socket gets its
               credentials attached anyway (maybe_add_creds: the sender has SO_PASSCRED). */
            int one = 1;
            setsockopt(client_fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
        }
        socklen_t len = sock_addr(&sa);
        return connect(client_fd, (struct sockaddr *) &sa, len);
    }
    if (!strcmp(op, "peercred")) {
        /* The connected end this task holds: the accepted one for the listener (the spec's listener
           reports its client), else its client socket. */
        int fd = server_fd >= 0 ? server_fd : client_fd;
        if (fd < 0) { errno = ENOTCONN; return -1; }
        struct ucred uc;
        socklen_t len = sizeof uc;
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) < 0) return -1;
        return uc.pid;
    }
    return -2;
}

/* One byte, with SCM_CREDENTIALS {pid, uid, getgid()} when explicit (C1), else implicit (C2). */
static long sock_send(int explicit, pid_t pid, uid_t uid) {
    if (listen_fd >= 0 && server_fd < 0) sock_call("accept");
    int fd = server_fd >= 0 ? server_fd : client_fd;
    if (fd < 0) { errno = ENOTCONN; return -1; }
    char byte = 'x';
    struct iovec iov = {&byte, 1};
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(struct ucred))]; } u;
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (explicit) {
        memset(&u, 0, sizeof u);
        msg.msg_control = u.buf;
        msg.msg_controllen = sizeof u.buf;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_CREDENTIALS;
        c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
        struct ucred uc = {pid, uid, getgid()};
        memcpy(CMSG_DATA(c), &uc, sizeof uc);
    }
    ssize_t n = sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
    return n < 0 ? -1 : 0;
}

/* recvmsg(MSG_DONTWAIT) of one byte: the ucred's pid as pid_vnr gave it at receive time (C3). */
static long sock_recv(void) {
    if (listen_fd >= 0 && server_fd < 0) sock_call("accept");
    int fd = server_fd >= 0 ? server_fd : client_fd;
    if (fd < 0) { errno = ENOTCONN; return -1; }
    char byte;
    struct iovec iov = {&byte, 1};
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(struct ucred)) + 64]; } u;
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = u.buf;
    msg.msg_controllen = sizeof u.buf;
    ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT);
    if (n < 0) return -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
            struct ucred uc;
            memcpy(&uc, CMSG_DATA(c), sizeof uc);
            return uc.pid;
        }
    errno = EBADMSG; /* no credentials: not what the spec says, so it shows as a mismatch */
    return -1;
}

/* struct clone_args up to set_tid_size (CLONE_ARGS_SIZE_VER1, include/uapi/linux/sched.h). */
struct clone_args_v2 {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size;
};
#define MAX_SET_TID 32
#ifndef SYS_clone3
#define SYS_clone3 435
#endif

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
            ret = syscall(SYS_clone3, &ca, sizeof ca);
            if (ret == 0) {
                me = (int) b;
                put(reply_pipe[1], "H %d %d\n", me, host_tid());
                continue;
            }
        } else if (!strcmp(op, "clone")) {
            /* A fork-like clone: no CLONE_VM, so the child runs on its own copy of this stack. */
            ret = syscall(SYS_clone, (unsigned long) a | SIGCHLD, NULL, NULL, NULL, NULL);
            if (ret == 0) {
                me = (int) b;
                put(reply_pipe[1], "H %d %d\n", me, host_tid());
                continue;
            }
        } else if (!strcmp(op, "unshare")) {
            /* The new namespace's map names the creator's ids as its parent sees them (map_write
               reads lower ids through the parent's map), and inside they read as the overflow id. */
            uid_t euid = geteuid();
            gid_t egid = getegid();
            ret = unshare((int) a);
            if (ret == 0 && (a & CLONE_NEWUSER)) { map_uid = euid; map_gid = egid; }
        } else if (!strcmp(op, "setuid")) {
            /* The raw call: glibc's setuid would also run it in every thread (setxid). */
            /* No PR_SET_DUMPABLE afterwards: commit_creds' non-dumpable task is the spec's too (K4). */
            ret = syscall(SYS_setuid, (uid_t) a);
        } else if (!strcmp(op, "listen") || !strcmp(op, "connect") || !strcmp(op, "peercred")) {
            ret = sock_call(op);
        } else if (!strcmp(op, "send")) {
            ret = sock_send(0, 0, 0);
        } else if (!strcmp(op, "screds")) {
            ret = sock_send(1, (pid_t) a, (uid_t) b);
        } else if (!strcmp(op, "recvcred")) {
            ret = sock_recv();
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
        } else if (!strcmp(op, "tgkill")) {
            ret = syscall(SYS_tgkill, (pid_t) a, (pid_t) b, SIGUSR1);
        } else if (!strcmp(op, "setpgid")) {
            ret = setpgid(0, 0);
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
        } else if (!strcmp(op, "nlread")) {
            ret = ns_last_pid(0, 0);
        } else if (!strcmp(op, "nlwrite")) {
            ret = ns_last_pid(1, a);
        } else if (!strcmp(op, "subreaper")) {
            ret = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        } else if (!strcmp(op, "fwait")) {
            ret = syscall(SYS_futex, &words[a], FUTEX_WAIT, (uint32_t) b, NULL, NULL, 0);
        } else if (!strcmp(op, "fwake")) {
            ret = syscall(SYS_futex, &words[a], FUTEX_WAKE, (int) b, NULL, NULL, 0);
        } else if (!strcmp(op, "flock")) {
            ret = syscall(SYS_futex, &words[a], FUTEX_LOCK_PI, 0, NULL, NULL, 0);
        } else if (!strcmp(op, "ftrylock")) {
            ret = syscall(SYS_futex, &words[a], FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0);
        } else if (!strcmp(op, "funlock")) {
            ret = syscall(SYS_futex, &words[a], FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
        } else {
            put(reply_pipe[1], "R %d = unknown-op %s\n", me, op);
            continue;
        }
        reply(me, ret);
    }
}

/* ---- driver ------------------------------------------------------------------------------ */

struct step {
    int no, actor;
    char op[16];
    long a, b;
    char hint;            /* r returns, b blocks, n never returns, z dies (zombie or reaped), x dies into zap */
    char pids[64];        /* clone3's set_tid, or "-" */
    char expect[64];
};

static struct step steps[MAX_STEPS];
static int nsteps;
static int snap_actor[MAX_ACTORS], snap_levels[MAX_ACTORS], nsnap;

static int hostpid[MAX_ACTORS];
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
static void drain(void) {
    for (;;) {
        ssize_t r = read(reply_pipe[0], inbuf + inlen, sizeof inbuf - inlen - 1);
        if (r <= 0) break;
        inlen += (size_t) r;
    }
    char *start = inbuf, *nl;
    while ((nl = memchr(start, '\n', inlen - (size_t) (start - inbuf))) != NULL) {
        *nl = 0;
        int who, pid;
        if (start[0] == 'H' && sscanf(start, "H %d %d", &who, &pid) == 2 && who >= 0 && who < MAX_ACTORS) {
            hostpid[who] = pid;
            if (pidfd[who] >= 0) close(pidfd[who]);
            pidfd[who] = (int) syscall(SYS_pidfd_open, pid, PIDFD_THREAD);
        } else if (start[0] == 'R' && sscanf(start, "R %d", &who) == 1 && who >= 0 && who < MAX_ACTORS) {
            char *res = strchr(start + 2, ' ');
            snprintf(pending[who], sizeof pending[who], "%s", res ? res + 1 : "?");
        }
        start = nl + 1;
    }
    inlen -= (size_t) (start - inbuf);
    memmove(inbuf, start, inlen);
}

static int exited(int who) {
    if (pidfd[who] < 0) return 0;
    struct pollfd p = {pidfd[who], POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

/* 2: dead (a zombie; pidfds of a group leader whose threads live stay unreadable, see
   delay_group_leader); 1: in do_exit (PF_EXITING in /proc/PID/stat field 9) and asleep; 0: neither. */
static int exiting(int who) {
    if (hostpid[who] <= 0) return 0;
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", hostpid[who]);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 2;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 2;
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (!p) return 0;
    unsigned long flags = 0;
    char state;
    int ppid, pgrp, session, tty, tpgid;
    if (sscanf(p + 2, "%c %d %d %d %d %d %lu", &state, &ppid, &pgrp, &session, &tty, &tpgid, &flags) != 7) return 0;
    /* Dead, or in do_exit and asleep: an init waiting in zap_pid_ns_processes has already
       disabled allocation and sent its SIGKILLs by the time it sleeps. */
    if (state == 'Z' || state == 'X') return 2;
    return (flags & PF_EXITING) != 0 && state != 'R';
}

/* Waits for a reply line or for actor `who` to exit, at most `ms` milliseconds. */
static void wait_input(int who, int ms) {
    struct pollfd p[2] = {{reply_pipe[0], POLLIN, 0}, {who >= 0 ? pidfd[who] : -1, POLLIN, 0}};
    poll(p, 2, ms);
    drain();
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
            if (exited(who) || ex == 2 || (hint != 'z' && ex == 1)) {
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
    for (int i = 0; i < nwords; i++) pos += (size_t) snprintf(out + pos, outlen - pos, "%s%u", i ? " " : "", words[i]);
}

static void run_scenario(long id, int nwords) {
    words = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (words == MAP_FAILED) { perror("nsprobe: mmap"); exit(3); }
    for (int i = 0; i < MAX_ACTORS; i++) {
        if (pipe2(cmd_pipe[i], O_CLOEXEC) < 0) { perror("nsprobe: pipe"); exit(3); }
        hostpid[i] = 0;
        pidfd[i] = -1;
        pending[i][0] = 0;
    }
    if (pipe2(reply_pipe, O_CLOEXEC) < 0) { perror("nsprobe: pipe"); exit(3); }
    inlen = 0;
    snprintf(sock_name, sizeof sock_name, "nsprobe-%d-%ld", (int) getpid(), id);
    listen_fd = server_fd = client_fd = -1;
    /* A fresh IPC namespace too: SysV objects a scenario creates (the IPC area, to come) die with
       it when the scenario's last task does (free_ipc_ns), so nothing outlives a scenario. */
    pid_t init = (pid_t) syscall(SYS_clone, CLONE_NEWPID | CLONE_NEWIPC | SIGCHLD, NULL, NULL, NULL, NULL);
    if (init < 0) {
        printf("{\"scenario\":%ld,\"error\":\"clone(CLONE_NEWPID): %s\"}\n", id, strerror(errno));
        fflush(stdout);
        exit(2);
    }
    if (init == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        /* The spec's RLIMIT_NPROC, scaled to 2 (UcountRules): only tasks of a non-root user are
           held to it (copy_process exempts INIT_USER), and only the userns area makes those. */
        struct rlimit nproc = {2, 2};
        setrlimit(RLIMIT_NPROC, &nproc);
        map_uid = geteuid();
        map_gid = getegid();
        /* Its own process group, PGID 1 as the spec's boot group: kill(0) and kill(-pgid) by the
           actors then never reach the probe or the JVM that runs it. */
        setpgid(0, 0);
        /* Actors never print: the runner sees end of file as soon as the probe exits. */
        int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, 0);
        dup2(devnull, 1);
        close(devnull);
        for (int i = 0; i < MAX_ACTORS; i++) close(cmd_pipe[i][1]);
        close(reply_pipe[0]);
        put(reply_pipe[1], "H 0 %d\n", host_tid());
        actor(0);
    }
    for (int i = 0; i < MAX_ACTORS; i++) close(cmd_pipe[i][0]);
    close(reply_pipe[1]);
    fcntl(reply_pipe[0], F_SETFL, O_NONBLOCK);
    long deadline = now_ms() + REPLY_MS;
    while (hostpid[0] == 0 && now_ms() < deadline) wait_input(-1, 10);

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
    for (int i = 0; i < MAX_ACTORS; i++) {
        close(cmd_pipe[i][1]);
        if (pidfd[i] >= 0) close(pidfd[i]);
    }
    close(reply_pipe[0]);
    munmap((void *) words, 4096);
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

/*
 * pid_max as the scenarios see it. Since 6.14 each PID namespace has its own pid_max, and a new
 * namespace starts at PID_MAX_LIMIT whatever its parent's is, so it is read in a fresh namespace,
 * not here. Creating that namespace is also the privilege check: exit 2 if it fails.
 */
static long scenario_pid_max(void) {
    int p[2];
    if (pipe(p) < 0) { perror("nsprobe: pipe"); exit(3); }
    pid_t child = (pid_t) syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, NULL);
    if (child < 0) {
        printf("{\"error\":\"clone(CLONE_NEWPID): %s\"}\n", strerror(errno));
        fflush(stdout);
        exit(2);
    }
    if (child == 0) {
        char buf[32] = "0";
        int fd = open("/proc/sys/kernel/pid_max", O_RDONLY);
        ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
        if (n > 0) buf[n] = 0;
        if (write(p[1], buf, strlen(buf)) < 0) _exit(1);
        _exit(0);
    }
    close(p[1]);
    char buf[32];
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    close(p[0]);
    waitpid(child, NULL, 0);
    if (n <= 0) return 0;
    buf[n] = 0;
    return atol(buf);
}

int main(void) {
    /* The probe dies with the JVM that runs it (prctl(2) PR_SET_PDEATHSIG), its scenario inits
       with it (their own PDEATHSIG), so a killed nscheck leaves nothing starting processes. The
       parent may have died before the prctl: the runner passes its pid, and a different
       parent means it is gone already. */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    const char *runner = getenv("NSPROBE_PARENT");
    if (runner && atol(runner) != (long) getppid()) return 4;
    signal(SIGPIPE, SIG_IGN);
    long pid_max = scenario_pid_max();
    /* The scenario namespace is one level below the probe's. */
    printf("{\"hello\":\"nsprobe/1\",\"pid_max\":%ld,\"level\":%d}\n", pid_max, own_level() + 1);
    fflush(stdout);
    char line[256];
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
