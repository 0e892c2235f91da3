/*
 * sctp_peer: the plain-C peer process of the cross-process benchmark (dev.sctp.benchmarks.cross).
 *
 * Like sctp_loop.c it uses raw system calls and no library (no libsctp): SOCK_STREAM/IPPROTO_SCTP associations
 * on 127.0.0.1, SCTP_NODELAY and SCTP_RECVRCVINFO on, sendmsg(2) with an SCTP_SNDINFO cmsg (stream 0, PPID 0),
 * recvmsg(2) joining partial deliveries. It is one process that lives across every round of the benchmark and is
 * told what to do, one command per line on stdin; it answers one line per command on stdout. The Java peer
 * (CrossPeer) speaks exactly the same protocol, so the harness treats every kind alike:
 *
 *   listen                              -> "port P"     binds a listener on 127.0.0.1, port chosen by the kernel
 *   accept ID                           -> "ok"         accepts one association into slot ID
 *   connect ID PORT                     -> "ok"         connects slot ID to 127.0.0.1:PORT
 *   info ID                             -> "rcvbuf N sndbuf N"   SO_RCVBUF/SO_SNDBUF in effect on slot ID
 *   send ID SIZE MAX BUDGET_MS          -> "sent N start=NS end=NS"   up to MAX messages (fewer once BUDGET_MS
 *                                          passed), then a 1-byte end marker; end: before the marker
 *   recv ID SIZE                        -> "received N bytes=B end=NS"   counts messages until the marker
 *   echo ID                             -> "echoed N"   sends every message back until the marker (not echoed)
 *   pipeline ID SIZE MAX WINDOW BUDGET_MS -> "pipelined N start=NS end=NS"   up to WINDOW messages in flight
 *   latency ID SIZE MAX BUDGET_MS       -> "latency N start=NS end=NS p50=NS p99=NS p999=NS"   ping-pong, one
 *                                          message in flight, every round trip timed (against an "echo" peer)
 *   quit                                -> exits 0
 *
 * Command line: sctp_peer [--rcvbuf BYTES] [--sndbuf BYTES] sets SO_RCVBUF / SO_SNDBUF on every socket before its
 * association is set up (the listener before it listens, so accepted associations inherit them; a client socket
 * before it connects). Like dev.sctp it tries SO_RCVBUFFORCE/SO_SNDBUFFORCE first (CAP_NET_ADMIN, e.g. root in the
 * test VM) and falls back to the plain option, which net.core.rmem_max/wmem_max cap; "info" shows what took.
 *
 * NS are CLOCK_MONOTONIC nanoseconds (the clock of Java's System.nanoTime on Linux), so the harness can take
 * "first send" from one process and "marker received" from another. Any failure prints "error TEXT" and exits 1.
 *
 * Build: cc -O2 -o sctp_peer sctp_peer.c   (the harness does this into target/).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/sctp.h>

#define MARKER_SIZE 1
#define BUFFER (64 * 1024)
#define SLOTS 16

static int slots[SLOTS];
static int listener = -1;
static int rcvbuf; /* 0: the kernel's default */
static int sndbuf;
static char out_buf[BUFFER];
static char in_buf[BUFFER];

static void die(const char *what)
{
	printf("error %s: %s\n", what, strerror(errno));
	exit(1);
}

static void fail(const char *what)
{
	printf("error %s\n", what);
	exit(1);
}

static int64_t now_nanos(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void set_int(int fd, int level, int name, int value, const char *what)
{
	if (setsockopt(fd, level, name, &value, sizeof(value)) < 0)
		die(what);
}

static int get_int(int fd, int level, int name, const char *what)
{
	int value;
	socklen_t len = sizeof(value);
	if (getsockopt(fd, level, name, &value, &len) < 0)
		die(what);
	return value;
}

/* Sets a socket buffer: the FORCE variant if this process may (it ignores rmem_max), else the plain one. */
static void set_buffer(int fd, int force, int plain, int bytes, const char *what)
{
	if (bytes <= 0)
		return;
	if (setsockopt(fd, SOL_SOCKET, force, &bytes, sizeof(bytes)) == 0)
		return;
	if (errno != EPERM)
		die(what);
	set_int(fd, SOL_SOCKET, plain, bytes, what);
}

/* A new socket with NODELAY, RECVRCVINFO and the buffers of the command line, before bind/listen/connect. */
static int sctp_socket(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_SCTP);
	if (fd < 0)
		die("socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)");
	set_int(fd, IPPROTO_SCTP, SCTP_NODELAY, 1, "setsockopt(SCTP_NODELAY)");
	set_int(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1, "setsockopt(SCTP_RECVRCVINFO)");
	set_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF, rcvbuf, "setsockopt(SO_RCVBUF)");
	set_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF, sndbuf, "setsockopt(SO_SNDBUF)");
	return fd;
}

/* Parses a buffer size argument: 1..INT_MAX/2 bytes (Linux doubles it into an int). */
static int buffer_arg(const char *name, const char *value)
{
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (errno || *end || v < 1 || v > INT_MAX / 2) {
		printf("error %s %s: must be a number of bytes between 1 and %d\n", name, value, INT_MAX / 2);
		exit(1);
	}
	return (int)v;
}

static int slot(long id)
{
	if (id < 0 || id >= SLOTS)
		fail("slot id out of range 0..15");
	if (slots[id] < 0)
		fail("no association in that slot");
	return slots[id];
}

static void send_from(int fd, const char *buf, size_t length)
{
	char control[CMSG_SPACE(sizeof(struct sctp_sndinfo))];
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = length };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control, .msg_controllen = sizeof(control),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = IPPROTO_SCTP;
	cmsg->cmsg_type = SCTP_SNDINFO;
	cmsg->cmsg_len = CMSG_LEN(sizeof(struct sctp_sndinfo));
	memset(CMSG_DATA(cmsg), 0, sizeof(struct sctp_sndinfo));
	ssize_t n;
	do {
		n = sendmsg(fd, &msg, 0);
	} while (n < 0 && errno == EINTR);
	if (n != (ssize_t)length)
		die("sendmsg");
}

/* Receives one whole message into in_buf and returns its length; notifications are skipped. */
static size_t receive_message(int fd)
{
	char control[CMSG_SPACE(sizeof(struct sctp_rcvinfo))];
	size_t total = 0;
	for (;;) {
		struct iovec iov = { .iov_base = in_buf + total, .iov_len = BUFFER - total };
		struct msghdr msg = {
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = control, .msg_controllen = sizeof(control),
		};
		ssize_t n = recvmsg(fd, &msg, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("recvmsg");
		}
		if (n == 0)
			fail("recvmsg: the peer shut down in the middle of a run");
		if (msg.msg_flags & MSG_NOTIFICATION)
			continue;
		total += (size_t)n;
		if (msg.msg_flags & MSG_EOR)
			return total;
		if (total == BUFFER)
			fail("message larger than the receive buffer");
	}
}

static size_t checked_size(long size)
{
	if (size <= MARKER_SIZE || size > BUFFER)
		fail("SIZE must be between 2 and 65536");
	return (size_t)size;
}

static void do_send(long id, long size, long max, long budget_ms)
{
	int fd = slot(id);
	size_t length = checked_size(size);
	int64_t start = now_nanos();
	int64_t deadline = start + budget_ms * 1000000;
	long sent = 0;
	while (sent < max) {
		send_from(fd, out_buf, length);
		sent++;
		/* Reading the clock every 64 messages keeps it out of the per-message cost. */
		if ((sent & 63) == 0 && now_nanos() > deadline)
			break;
	}
	int64_t end = now_nanos(); /* the last message's send returned; the marker follows */
	send_from(fd, out_buf, MARKER_SIZE);
	printf("sent %ld start=%lld end=%lld\n", sent, (long long)start, (long long)end);
}

static void do_recv(long id, long size)
{
	int fd = slot(id);
	long received = 0;
	long long bytes = 0;
	for (;;) {
		size_t n = receive_message(fd);
		if (n == MARKER_SIZE)
			break;
		if (n != (size_t)size)
			fail("recv: a message of unexpected size arrived");
		received++;
		bytes += (long long)n;
	}
	printf("received %ld bytes=%lld end=%lld\n", received, bytes, (long long)now_nanos());
}

static void do_echo(long id)
{
	int fd = slot(id);
	long echoed = 0;
	for (;;) {
		size_t n = receive_message(fd);
		if (n == MARKER_SIZE)
			break;
		send_from(fd, in_buf, n);
		echoed++;
	}
	printf("echoed %ld\n", echoed);
}

static void do_pipeline(long id, long size, long max, long window, long budget_ms)
{
	int fd = slot(id);
	size_t length = checked_size(size);
	if (window < 1)
		fail("WINDOW must be at least 1");
	int64_t start = now_nanos();
	int64_t deadline = start + budget_ms * 1000000;
	long sent = 0, received = 0;
	int open = 1;
	while (received < sent || (open && sent < max)) {
		while (open && sent < max && sent - received < window) {
			send_from(fd, out_buf, length);
			sent++;
		}
		if (receive_message(fd) != length)
			fail("pipeline: an echo of unexpected size arrived");
		received++;
		if (open && (received & 63) == 0 && now_nanos() > deadline)
			open = 0;
	}
	int64_t end = now_nanos();
	send_from(fd, out_buf, MARKER_SIZE);
	printf("pipelined %ld start=%lld end=%lld\n", received, (long long)start, (long long)end);
}

static int compare_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile of SORTED[0..N-1], PER_MILLE thousandths (N > 0). */
static int64_t percentile(const int64_t *sorted, long n, long per_mille)
{
	long rank = (n * per_mille + 999) / 1000;
	return sorted[rank < 1 ? 0 : rank - 1];
}

static void do_latency(long id, long size, long max, long budget_ms)
{
	int fd = slot(id);
	size_t length = checked_size(size);
	if (max < 1)
		fail("MAX must be at least 1");
	int64_t *rtt = malloc(sizeof(int64_t) * (size_t)max);
	if (!rtt)
		fail("out of memory for the round-trip times");
	int64_t start = now_nanos();
	int64_t deadline = start + budget_ms * 1000000;
	int64_t t = start;
	long n = 0;
	while (n < max && t <= deadline) {
		send_from(fd, out_buf, length);
		if (receive_message(fd) != length)
			fail("latency: an echo of unexpected size arrived");
		int64_t now = now_nanos();
		rtt[n++] = now - t;
		t = now;
	}
	send_from(fd, out_buf, MARKER_SIZE);
	qsort(rtt, (size_t)n, sizeof(int64_t), compare_int64);
	printf("latency %ld start=%lld end=%lld p50=%lld p99=%lld p999=%lld\n", n, (long long)start, (long long)t,
	       (long long)percentile(rtt, n, 500), (long long)percentile(rtt, n, 990),
	       (long long)percentile(rtt, n, 999));
	free(rtt);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc) {
			printf("error %s needs a value in bytes\n", argv[i]);
			return 1;
		}
		if (!strcmp(argv[i], "--rcvbuf")) {
			rcvbuf = buffer_arg(argv[i], argv[i + 1]);
		} else if (!strcmp(argv[i], "--sndbuf")) {
			sndbuf = buffer_arg(argv[i], argv[i + 1]);
		} else {
			printf("error unknown argument %s; known: --rcvbuf BYTES --sndbuf BYTES\n", argv[i]);
			return 1;
		}
	}
	for (int i = 0; i < SLOTS; i++)
		slots[i] = -1;
	for (int i = 0; i < BUFFER; i++)
		out_buf[i] = (char)('a' + i % 26);
	setvbuf(stdout, NULL, _IOLBF, 0);
	char line[256];
	while (fgets(line, sizeof(line), stdin)) {
		char cmd[32];
		long a = 0, b = 0, c = 0, d = 0, e = 0;
		int n = sscanf(line, "%31s %ld %ld %ld %ld %ld", cmd, &a, &b, &c, &d, &e);
		if (n < 1)
			continue;
		if (!strcmp(cmd, "listen")) {
			listener = sctp_socket();
			struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
			addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
			socklen_t len = sizeof(addr);
			if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0)
				die("bind");
			if (listen(listener, SLOTS) < 0)
				die("listen");
			if (getsockname(listener, (struct sockaddr *)&addr, &len) < 0)
				die("getsockname");
			printf("port %d\n", ntohs(addr.sin_port));
		} else if (!strcmp(cmd, "accept") && n == 2) {
			if (a < 0 || a >= SLOTS || slots[a] >= 0)
				fail("accept: slot out of range or in use");
			if (listener < 0)
				fail("accept before listen");
			int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
			if (fd < 0)
				die("accept");
			set_int(fd, IPPROTO_SCTP, SCTP_NODELAY, 1, "setsockopt(SCTP_NODELAY)");
			set_int(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1, "setsockopt(SCTP_RECVRCVINFO)");
			slots[a] = fd;
			printf("ok\n");
		} else if (!strcmp(cmd, "connect") && n == 3) {
			if (a < 0 || a >= SLOTS || slots[a] >= 0)
				fail("connect: slot out of range or in use");
			int fd = sctp_socket();
			struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)b) };
			addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
			if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
				die("connect");
			slots[a] = fd;
			printf("ok\n");
		} else if (!strcmp(cmd, "info") && n == 2) {
			int fd = slot(a);
			printf("rcvbuf %d sndbuf %d\n", get_int(fd, SOL_SOCKET, SO_RCVBUF, "getsockopt(SO_RCVBUF)"),
			       get_int(fd, SOL_SOCKET, SO_SNDBUF, "getsockopt(SO_SNDBUF)"));
		} else if (!strcmp(cmd, "send") && n == 5) {
			do_send(a, b, c, d);
		} else if (!strcmp(cmd, "recv") && n == 3) {
			do_recv(a, b);
		} else if (!strcmp(cmd, "echo") && n == 2) {
			do_echo(a);
		} else if (!strcmp(cmd, "pipeline") && n == 6) {
			do_pipeline(a, b, c, d, e);
		} else if (!strcmp(cmd, "latency") && n == 5) {
			do_latency(a, b, c, d);
		} else if (!strcmp(cmd, "quit")) {
			break;
		} else {
			fail("unknown command or wrong argument count");
		}
	}
	for (int i = 0; i < SLOTS; i++)
		if (slots[i] >= 0)
			close(slots[i]);
	if (listener >= 0)
		close(listener);
	return 0;
}
