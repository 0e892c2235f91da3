/*
 * sctp_loop: the plain-C baseline of the SCTP throughput comparison.
 *
 * It does exactly what the Java contenders do, with raw system calls and no library (no libsctp): one
 * SOCK_STREAM/IPPROTO_SCTP association on 127.0.0.1, SCTP_NODELAY on both ends, SCTP_RECVRCVINFO on the
 * receiver, and every message sent with sendmsg(2) and an SCTP_SNDINFO control message (stream 0, PPID 0),
 * received with recvmsg(2).
 *
 *   one-way:   the client sends up to MESSAGES messages of SIZE bytes (stopping early once BUDGET_MS have
 *              passed), then a 1-byte end marker; a receiver thread counts messages and bytes until the marker.
 *              Time runs from the first send to the marker's arrival.
 *   ping-pong: the client sends one message and waits for its echo, up to ROUNDS times or BUDGET_MS, then
 *              sends the marker; an echo thread sends every message back. Every round trip is timed.
 *
 * Usage: sctp_loop MESSAGES ROUNDS SIZE BUDGET_MS WARMUPS ITERATIONS   (MESSAGES 0: no one-way runs; ROUNDS 0:
 * no ping-pong runs)
 * Output, one line per run (warm-ups included, marked as such); cpu is this process's utime+stime during the run
 * (getrusage, both threads), p50/p99/p999 the nearest-rank percentiles of the round trips, all in nanoseconds:
 *   one-way <warmup|measure> sent=N received=N bytes=N nanos=N cpu=N
 *   ping-pong <warmup|measure> rounds=N nanos=N cpu=N p50=N p99=N p999=N
 * Exit status 0 on success; any failed call prints its errno text and exits 1.
 *
 * Build: cc -O2 -pthread -o sctp_loop sctp_loop.c   (ThroughputComparison does this into target/).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
/* The kernel's UAPI header, not lksctp's <netinet/sctp.h>: the point is to need nothing but the kernel. */
#include <linux/sctp.h>

#define MARKER_SIZE 1
#define RECV_BUFFER (64 * 1024)

static void die(const char *what)
{
	fprintf(stderr, "sctp_loop: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void fail(const char *what)
{
	fprintf(stderr, "sctp_loop: %s\n", what);
	exit(1);
}

static int64_t now_nanos(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* utime + stime of the whole process (every thread) in nanoseconds. */
static int64_t cpu_nanos(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		die("getrusage");
	return ((int64_t)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000
		+ ((int64_t)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
}

static int compare_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile (in thousandths) of the first N sorted values, as CrossPeer.percentile has it. */
static int64_t percentile(const int64_t *sorted, long n, long per_mille)
{
	long rank = (n * per_mille + 999) / 1000;
	return sorted[rank > 1 ? rank - 1 : 0];
}

static void set_int(int fd, int level, int name, int value, const char *what)
{
	if (setsockopt(fd, level, name, &value, sizeof(value)) < 0)
		die(what);
}

/* One end of the association with its own buffers, used by one thread at a time. */
struct endpoint {
	int fd;
	char *out;          /* the payload sent by send_message() */
	char *in;           /* receive buffer; echo_message() sends from here */
};

/* Sends LENGTH bytes of BUF as one message on stream 0 with PPID 0, described by an SCTP_SNDINFO cmsg. */
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

static void send_message(struct endpoint *e, size_t length)
{
	send_from(e->fd, e->out, length);
}

static void echo_message(struct endpoint *e, size_t length)
{
	send_from(e->fd, e->in, length);
}

/* Receives one whole message (joining partial deliveries) and returns its length; notifications are skipped. */
static size_t receive_message(struct endpoint *e)
{
	char control[CMSG_SPACE(sizeof(struct sctp_rcvinfo))];
	size_t total = 0;
	for (;;) {
		struct iovec iov = { .iov_base = e->in + total, .iov_len = RECV_BUFFER - total };
		struct msghdr msg = {
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = control, .msg_controllen = sizeof(control),
		};
		ssize_t n = recvmsg(e->fd, &msg, 0);
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
		if (total == RECV_BUFFER)
			fail("message larger than the receive buffer");
	}
}

/* ---- one-way ------------------------------------------------------------------------------------------- */

struct receiver {
	struct endpoint *e;
	size_t size;
	int64_t received, bytes, end_nanos;
};

static void *count_messages(void *arg)
{
	struct receiver *r = arg;
	for (;;) {
		size_t n = receive_message(r->e);
		if (n == MARKER_SIZE)
			break;
		if (n != r->size)
			fail("one-way: a message of unexpected size arrived");
		r->received++;
		r->bytes += (int64_t)n;
	}
	r->end_nanos = now_nanos();
	return NULL;
}

static void one_way(struct endpoint *client, struct endpoint *server, long messages, size_t size,
		    int64_t budget_nanos, const char *phase)
{
	struct receiver r = { .e = server, .size = size };
	pthread_t thread;
	int64_t cpu = cpu_nanos();
	if (pthread_create(&thread, NULL, count_messages, &r) != 0)
		fail("pthread_create");
	int64_t start = now_nanos();
	int64_t deadline = start + budget_nanos;
	long sent = 0;
	while (sent < messages) {
		send_message(client, size);
		sent++;
		/* Reading the clock every 64 messages keeps it out of the per-message cost. */
		if ((sent & 63) == 0 && now_nanos() > deadline)
			break;
	}
	send_message(client, MARKER_SIZE);
	pthread_join(thread, NULL);
	cpu = cpu_nanos() - cpu;
	printf("one-way %s sent=%ld received=%lld bytes=%lld nanos=%lld cpu=%lld\n", phase, sent, (long long)r.received,
	       (long long)r.bytes, (long long)(r.end_nanos - start), (long long)cpu);
	fflush(stdout);
}

/* ---- ping-pong ----------------------------------------------------------------------------------------- */

static void *echo_messages(void *arg)
{
	struct endpoint *e = arg;
	for (;;) {
		size_t n = receive_message(e);
		if (n == MARKER_SIZE)
			break;
		echo_message(e, n);
	}
	return NULL;
}

static void ping_pong(struct endpoint *client, struct endpoint *server, long rounds, size_t size,
		      int64_t budget_nanos, int64_t *rtt, const char *phase)
{
	pthread_t thread;
	int64_t cpu = cpu_nanos();
	if (pthread_create(&thread, NULL, echo_messages, server) != 0)
		fail("pthread_create");
	int64_t start = now_nanos();
	int64_t deadline = start + budget_nanos;
	int64_t t = start;
	long done = 0;
	while (done < rounds) {
		send_message(client, size);
		if (receive_message(client) != size)
			fail("ping-pong: the echo has the wrong size");
		int64_t now = now_nanos();
		rtt[done++] = now - t;
		t = now;
		if (now > deadline)
			break;
	}
	int64_t end = t;
	send_message(client, MARKER_SIZE);
	pthread_join(thread, NULL);
	cpu = cpu_nanos() - cpu;
	qsort(rtt, (size_t)done, sizeof(int64_t), compare_int64);
	printf("ping-pong %s rounds=%ld nanos=%lld cpu=%lld p50=%lld p99=%lld p999=%lld\n", phase, done,
	       (long long)(end - start), (long long)cpu, (long long)percentile(rtt, done, 500),
	       (long long)percentile(rtt, done, 990), (long long)percentile(rtt, done, 999));
	fflush(stdout);
}

/* ---- setup --------------------------------------------------------------------------------------------- */

static int sctp_socket(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_SCTP);
	if (fd < 0)
		die("socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)");
	set_int(fd, IPPROTO_SCTP, SCTP_NODELAY, 1, "setsockopt(SCTP_NODELAY)");
	set_int(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1, "setsockopt(SCTP_RECVRCVINFO)");
	return fd;
}

static long parse(const char *s, const char *name)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < 0) {
		fprintf(stderr, "sctp_loop: bad %s: %s\n", name, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc != 7) {
		fprintf(stderr, "usage: %s MESSAGES ROUNDS SIZE BUDGET_MS WARMUPS ITERATIONS\n", argv[0]);
		return 2;
	}
	long messages = parse(argv[1], "MESSAGES");
	long rounds = parse(argv[2], "ROUNDS");
	long size = parse(argv[3], "SIZE");
	int64_t budget = (int64_t)parse(argv[4], "BUDGET_MS") * 1000000;
	long warmups = parse(argv[5], "WARMUPS");
	long iterations = parse(argv[6], "ITERATIONS");
	if (size <= MARKER_SIZE || size > RECV_BUFFER)
		fail("SIZE must be between 2 and 65536");

	int listener = sctp_socket();
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		die("bind");
	if (listen(listener, 1) < 0)
		die("listen");
	socklen_t len = sizeof(addr);
	if (getsockname(listener, (struct sockaddr *)&addr, &len) < 0)
		die("getsockname");

	int client_fd = sctp_socket();
	if (connect(client_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		die("connect");
	int server_fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
	if (server_fd < 0)
		die("accept");
	/* Accepted sockets inherit both options on Linux; set them anyway, as the Java contenders do. */
	set_int(server_fd, IPPROTO_SCTP, SCTP_NODELAY, 1, "setsockopt(SCTP_NODELAY)");
	set_int(server_fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1, "setsockopt(SCTP_RECVRCVINFO)");
	close(listener);

	struct endpoint client = { client_fd, malloc(size), malloc(RECV_BUFFER) };
	struct endpoint server = { server_fd, malloc(size), malloc(RECV_BUFFER) };
	int64_t *rtt = malloc(sizeof(int64_t) * (size_t)(rounds > 0 ? rounds : 1));
	if (!client.out || !client.in || !server.out || !server.in || !rtt)
		fail("out of memory");
	for (long i = 0; i < size; i++)
		client.out[i] = (char)('a' + i % 26);

	for (long i = 0; messages > 0 && i < warmups + iterations; i++)
		one_way(&client, &server, messages, (size_t)size, budget, i < warmups ? "warmup" : "measure");
	for (long i = 0; rounds > 0 && i < warmups + iterations; i++)
		ping_pong(&client, &server, rounds, (size_t)size, budget, rtt, i < warmups ? "warmup" : "measure");

	close(client_fd);
	close(server_fd);
	return 0;
}
