/*
 * sctp_scale_clients: the client side of the scale benchmark (dev.sctp.benchmarks.scale). One process, one thread,
 * epoll, N one-to-one SCTP associations to 127.0.0.1:PORT, so the measured process is only the server.
 *
 *   sctp_scale_clients PORT N SIZE INTERVAL_MS
 *
 * It connects all N, one after the other (see connect_all), and prints "connected N ms=T refused=R" (R: connects the
 * listener refused and that were retried). Then it reads commands, one line each, from stdin:
 *
 *   run WARMUP_MS MEASURE_MS  every association sends one SIZE-byte message every INTERVAL_MS, the N associations
 *                             evenly staggered, and every echo is checked and timed. Prints "measuring" when the
 *                             warm-up ends, "window-end" when the measured window ends, then stops sending, waits
 *                             for the echoes still due (up to 20 s) and prints
 *                             "result sent=S echoed=E window_sent=WS window_echoed=WE p50=NS p99=NS max=NS
 *                             reset=R lost=L" (latency of the messages sent inside the window; CLOCK_MONOTONIC
 *                             nanoseconds; R associations the server's side reset or aborted so far, L messages
 *                             sent on them whose echo never came).
 *   close                     closes every association, prints "closed" and exits 0.
 *
 * Each message carries its send time and its association's index, so an echo needs no per-message state here and a
 * crossed or corrupted echo is caught. An association reset by the other side (ECONNRESET, EPIPE, ETIMEDOUT from
 * send or recvmsg) is not fatal: it is closed, counted, named on stderr ("lost association I ...") and left out of
 * the schedule, so one lost association among thousands does not void a run; the harness reports the count. Any
 * other failure prints "error TEXT" and exits 1.
 *
 * Build: cc -O2 -o sctp_scale_clients sctp_scale_clients.c   (scripts/bench and the harness do this into target/).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/sctp.h>

#define HEADER 16 /* send time (8), association index (4), magic (4) */
#define MAGIC 0x5C7A1E00u
#define MAX_SIZE 65536

static int *fds;
static int count;
static int size;
static int epfd;
static long long sent, echoed, window_sent, window_echoed;
static long long *samples; /* latencies of window messages */
static long long sample_cap, sample_count;
static long long window_start, window_end; /* send-time bounds of the measured window */
static unsigned char *rx;
static int *sent_on, *echoed_on; /* per association, to know how many echoes a reset association took with it */
static long long resets, lost;
static long long run_start;

static void fail(const char *what) {
    printf("error %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static void failx(const char *what) {
    printf("error %s\n", what);
    fflush(stdout);
    exit(1);
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void raise_fd_limit(int needed) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) fail("getrlimit");
    if (rl.rlim_cur < (rlim_t) needed) {
        rl.rlim_cur = rl.rlim_max < (rlim_t) needed ? rl.rlim_max : (rlim_t) needed;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur < (rlim_t) needed) {
        printf("error RLIMIT_NOFILE is %lu, %d associations need %d: raise it (ulimit -n %d)\n",
               (unsigned long) rl.rlim_cur, count, needed, needed);
        fflush(stdout);
        exit(1);
    }
}

/*
 * Connects one association after the other with a blocking connect(2), then makes the socket non-blocking. Not
 * non-blocking connects: an SCTP socket polls writable while its handshake is still under way, so epoll cannot tell
 * when one is up. A connect the listener refuses (Linux answers an INIT with ABORT while its accept queue is full) is
 * retried after a short pause, up to MAX_TRIES times; the retries are counted and reported.
 */
#define MAX_TRIES 200
static long long refused;

static void connect_all(int port) {
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int idx = 0; idx < count; idx++) {
        int fd = -1;
        for (int attempt = 0;; attempt++) {
            fd = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
            if (fd < 0) fail("socket");
            int one = 1;
            if (setsockopt(fd, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof one) != 0) fail("SCTP_NODELAY");
            if (connect(fd, (struct sockaddr *) &to, sizeof to) == 0) break;
            if (errno != ECONNREFUSED || attempt + 1 >= MAX_TRIES) fail("connect");
            close(fd);
            refused++;
            struct timespec pause = {0, 20000000}; /* 20 ms: let the server accept from its queue */
            nanosleep(&pause, NULL);
        }
        if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) fail("O_NONBLOCK");
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t) idx};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) fail("epoll_ctl add");
        fds[idx] = fd;
    }
}

/* The association was reset or aborted by the other side: close it, count it, say which and when. */
static int lose(int idx, const char *what, int err) {
    if (err != ECONNRESET && err != EPIPE && err != ETIMEDOUT) return 0;
    fprintf(stderr, "lost association %d: %s: %s, %lld ms into the run, %d sent and %d echoed on it\n", idx, what,
            strerror(err), run_start ? (now_ns() - run_start) / 1000000 : 0, sent_on[idx], echoed_on[idx]);
    close(fds[idx]);
    fds[idx] = -1;
    resets++;
    lost += sent_on[idx] - echoed_on[idx];
    return 1;
}

static void send_one(int idx, long long t) {
    static unsigned char tx[MAX_SIZE];
    if (fds[idx] < 0) return;
    memcpy(tx, &t, 8);
    uint32_t i = (uint32_t) idx, m = MAGIC;
    memcpy(tx + 8, &i, 4);
    memcpy(tx + 12, &m, 4);
    ssize_t r = send(fds[idx], tx, (size_t) size, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (r != size) {
        if (r < 0 && errno == EAGAIN) failx("send would block: the server stopped reading");
        if (r < 0 && lose(idx, "send", errno)) return;
        fail("send");
    }
    sent++;
    sent_on[idx]++;
    if (t >= window_start && t < window_end) window_sent++;
}

/* Reads every complete echo waiting on association idx. */
static void receive(int idx) {
    while (fds[idx] >= 0) {
        int flags = 0;
        struct iovec iov = {.iov_base = rx, .iov_len = MAX_SIZE};
        struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
        ssize_t r = recvmsg(fds[idx], &msg, MSG_DONTWAIT);
        flags = msg.msg_flags;
        if (r < 0) {
            if (errno == EAGAIN) return;
            if (lose(idx, "recvmsg", errno)) return;
            fail("recvmsg");
        }
        if (r == 0) failx("the server closed an association");
        if (!(flags & MSG_EOR) || r != size) {
            printf("error echo of %zd bytes (EOR %d) on association %d, expected %d\n", r, !!(flags & MSG_EOR),
                   idx, size);
            fflush(stdout);
            exit(1);
        }
        long long t;
        uint32_t i, m;
        memcpy(&t, rx, 8);
        memcpy(&i, rx + 8, 4);
        memcpy(&m, rx + 12, 4);
        if (m != MAGIC || i != (uint32_t) idx) {
            printf("error association %d got an echo for association %u (magic %x)\n", idx, i, m);
            fflush(stdout);
            exit(1);
        }
        echoed++;
        echoed_on[idx]++;
        if (t >= window_start && t < window_end) {
            window_echoed++;
            if (sample_count < sample_cap) samples[sample_count++] = now_ns() - t;
        }
    }
}

static void poll_once(int timeout_ms) {
    struct epoll_event events[256];
    int n = epoll_wait(epfd, events, 256, timeout_ms);
    if (n < 0 && errno != EINTR) fail("epoll_wait");
    for (int i = 0; i < n; i++) receive((int) events[i].data.u32);
}

static int cmp(const void *a, const void *b) {
    long long x = *(const long long *) a, y = *(const long long *) b;
    return x < y ? -1 : x > y;
}

static void run(long long warmup_ms, long long measure_ms, long long interval_ms) {
    long long step = interval_ms * 1000000LL / count; /* one association's turn every step ns */
    if (step <= 0) step = 1;
    long long start = now_ns();
    run_start = start;
    window_start = start + warmup_ms * 1000000LL;
    window_end = window_start + measure_ms * 1000000LL;
    long long windows_msgs = measure_ms * count / interval_ms + count;
    if (windows_msgs > sample_cap) {
        free(samples);
        sample_cap = windows_msgs;
        samples = malloc(sizeof *samples * (size_t) sample_cap);
        if (!samples) failx("out of memory for latency samples");
    }
    sample_count = 0;
    /* A round's window counts are its own: left over from the last round they doubled the second round's "sent in
     * the window" (and halved its CPU per message). sent, echoed, reset and lost stay cumulative. */
    window_sent = 0;
    window_echoed = 0;
    long long next = 0; /* index of the next message of the schedule: association next % count at start + next*step */
    int said_measuring = 0;
    for (;;) {
        long long t = now_ns();
        if (!said_measuring && t >= window_start) {
            printf("measuring\n");
            fflush(stdout);
            said_measuring = 1;
        }
        if (t >= window_end) break;
        while (start + next * step <= t) {
            send_one((int) (next % count), now_ns());
            next++;
        }
        long long wait = start + next * step - now_ns();
        int timeout = wait <= 0 ? 0 : (int) ((wait + 999999) / 1000000);
        poll_once(timeout);
    }
    printf("window-end\n");
    fflush(stdout);
    long long deadline = now_ns() + 20000000000LL;
    while (echoed + lost < sent && now_ns() < deadline) poll_once(100);
    long long p50 = 0, p99 = 0, max = 0;
    if (sample_count > 0) {
        qsort(samples, (size_t) sample_count, sizeof *samples, cmp);
        p50 = samples[(sample_count - 1) / 2];
        p99 = samples[(long long) ((sample_count - 1) * 0.99)];
        max = samples[sample_count - 1];
    }
    printf("result sent=%lld echoed=%lld window_sent=%lld window_echoed=%lld p50=%lld p99=%lld max=%lld reset=%lld "
           "lost=%lld\n", sent, echoed, window_sent, window_echoed, p50, p99, max, resets, lost);
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s PORT N SIZE INTERVAL_MS\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    count = atoi(argv[2]);
    size = atoi(argv[3]);
    long long interval_ms = atoll(argv[4]);
    if (port <= 0 || port > 65535 || count <= 0 || size < HEADER || size > MAX_SIZE || interval_ms <= 0) {
        printf("error bad arguments: port 1..65535, N > 0, SIZE %d..%d, INTERVAL_MS > 0\n",
               HEADER, MAX_SIZE);
        return 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    raise_fd_limit(count + 64);
    fds = calloc((size_t) count, sizeof *fds);
    sent_on = calloc((size_t) count, sizeof *sent_on);
    echoed_on = calloc((size_t) count, sizeof *echoed_on);
    rx = malloc(MAX_SIZE);
    if (!fds || !sent_on || !echoed_on || !rx) failx("out of memory");
    epfd = epoll_create1(0);
    if (epfd < 0) fail("epoll_create1");
    long long t0 = now_ns();
    connect_all(port);
    printf("connected %d ms=%lld refused=%lld\n", count, (now_ns() - t0) / 1000000, refused);
    char line[256];
    while (fgets(line, sizeof line, stdin)) {
        long long warmup, measure;
        if (sscanf(line, "run %lld %lld", &warmup, &measure) == 2) {
            run(warmup, measure, interval_ms);
        } else if (strncmp(line, "close", 5) == 0) {
            for (int i = 0; i < count; i++) if (fds[i] >= 0) close(fds[i]);
            printf("closed\n");
            return 0;
        } else {
            printf("error unknown command: %s", line);
            return 1;
        }
    }
    return 0;
}
