/*
 * A multi-homed SCTP receiver in its own process (and, in the fault lab, its own network namespace) that checks what
 * arrives: for the reliability tests, an independent implementation on the far side of the paths they cut and impair.
 *
 * usage: pathsink PORT ADDR [ADDR...]
 *
 * Binds every ADDR (IPv4) at PORT with SCTP_SOCKOPT_BINDX_ADD (no libsctp), prints "listening", accepts one
 * association and reads until the peer shuts down. Each message starts with a sequence number (u32, network order)
 * and a kind (u32: 0 ordered, 1 unordered), numbered per stream and kind from 0. Ordered messages must arrive exactly
 * in sequence; unordered ones exactly once. At the end it prints one line per stream that carried messages and one
 * summary, then closes:
 *   stream S ordered N unordered M
 *   received T errors E duplicates D max-gap-ms G
 * where G is the longest time between two consecutive messages (the fault tests' fail-over time).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_STREAMS 1024
#define MAX_PER_STREAM (1 << 20)

static long ordered_next[MAX_STREAMS];
static long unordered_count[MAX_STREAMS];
static unsigned char *unordered_seen[MAX_STREAMS];

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: pathsink PORT ADDR [ADDR...]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    int n = argc - 2;
    struct sockaddr_in *addrs = calloc((size_t) n, sizeof *addrs);
    for (int i = 0; i < n; i++) {
        addrs[i].sin_family = AF_INET;
        addrs[i].sin_port = htons((unsigned short) atoi(argv[1]));
        if (inet_pton(AF_INET, argv[i + 2], &addrs[i].sin_addr) != 1) {
            fprintf(stderr, "not an IPv4 address: %s\n", argv[i + 2]);
            return 2;
        }
    }
    int server = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
    if (server < 0) {
        perror("socket");
        return 1;
    }
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (setsockopt(server, IPPROTO_SCTP, SCTP_SOCKOPT_BINDX_ADD, addrs, (socklen_t) (n * sizeof *addrs)) < 0) {
        perror("bindx");
        return 1;
    }
    if (listen(server, 1) < 0) {
        perror("listen");
        return 1;
    }
    printf("listening\n");
    int fd = accept(server, NULL, NULL);
    if (fd < 0) {
        perror("accept");
        return 1;
    }
    setsockopt(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, &one, sizeof one);

    char buf[65536];
    char control[CMSG_SPACE(sizeof(struct sctp_rcvinfo))];
    long received = 0, errors = 0, duplicates = 0;
    double last = 0, max_gap = 0;
    for (;;) {
        struct iovec iov = {buf, sizeof buf};
        struct msghdr msg = {0};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        ssize_t len = recvmsg(fd, &msg, 0);
        if (len <= 0) {
            if (len < 0) {
                perror("recvmsg");
            }
            break;
        }
        double t = now_ms();
        if (last > 0 && t - last > max_gap) {
            max_gap = t - last;
        }
        last = t;
        unsigned int stream = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == SCTP_RCVINFO) {
                struct sctp_rcvinfo info;
                memcpy(&info, CMSG_DATA(c), sizeof info);
                stream = info.rcv_sid;
            }
        }
        if (!(msg.msg_flags & MSG_EOR) || len < 8 || stream >= MAX_STREAMS) {
            fprintf(stderr, "unexpected message: %zd bytes on stream %u, flags 0x%x\n", len, stream, msg.msg_flags);
            errors++;
            continue;
        }
        received++;
        unsigned int seq, kind;
        memcpy(&seq, buf, 4);
        memcpy(&kind, buf + 4, 4);
        seq = ntohl(seq);
        kind = ntohl(kind);
        if (kind == 0) {
            if (seq != ordered_next[stream]) {
                if (errors < 10) {
                    fprintf(stderr, "stream %u: ordered message %u arrived, %ld expected\n", stream, seq,
                            ordered_next[stream]);
                }
                errors++;
                if ((long) seq < ordered_next[stream]) {
                    duplicates++;
                    continue;
                }
            }
            ordered_next[stream] = (long) seq + 1;
        } else {
            if (seq >= MAX_PER_STREAM) {
                errors++;
                continue;
            }
            if (unordered_seen[stream] == NULL) {
                unordered_seen[stream] = calloc(MAX_PER_STREAM / 8, 1);
            }
            unsigned char bit = (unsigned char) (1u << (seq % 8));
            if (unordered_seen[stream][seq / 8] & bit) {
                duplicates++;
                continue;
            }
            unordered_seen[stream][seq / 8] |= bit;
            unordered_count[stream]++;
        }
    }
    for (int s = 0; s < MAX_STREAMS; s++) {
        if (ordered_next[s] > 0 || unordered_count[s] > 0) {
            printf("stream %d ordered %ld unordered %ld\n", s, ordered_next[s], unordered_count[s]);
        }
    }
    printf("received %ld errors %ld duplicates %ld max-gap-ms %.0f\n", received, errors, duplicates, max_gap);
    close(fd);
    close(server);
    return 0;
}
