/*
 * sinkpeer.h: what the receiving test peers (tallysink.c, pathsink.c) share: a multi-homed listener that accepts one
 * association, a receive that says which stream a message came on, the check that a message is whole and on a stream
 * the per-stream tables can hold, and a monotonic clock. Header-only so that CProgram can keep compiling one .c file
 * per peer.
 */
#ifndef SINKPEER_H
#define SINKPEER_H

#include <arpa/inet.h>
#include <linux/sctp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* Streams the per-stream tables hold; a message on a higher stream is counted as an error. */
#define MAX_STREAMS 1024

static inline double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/*
 * Binds addrs[0..n) (IPv4) at port with SCTP_SOCKOPT_BINDX_ADD (no libsctp), subscribes to events unless NULL (on the
 * listener, so the accepted association has them from its first notification on), listens, prints "listening" and
 * accepts one association, with SCTP_RCVINFO on. Returns its socket and the listener's in *listener; exits if any
 * step fails (2 for a bad address).
 */
static inline int sink_accept(const char *port, char **addrs, int n, const struct sctp_event_subscribe *events,
                              int *listener) {
    struct sockaddr_in *bound = calloc((size_t) n, sizeof *bound);
    for (int i = 0; i < n; i++) {
        bound[i].sin_family = AF_INET;
        bound[i].sin_port = htons((unsigned short) atoi(port));
        if (inet_pton(AF_INET, addrs[i], &bound[i].sin_addr) != 1) {
            fprintf(stderr, "not an IPv4 address: %s\n", addrs[i]);
            exit(2);
        }
    }
    int server = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
    if (server < 0) {
        perror("socket");
        exit(1);
    }
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (setsockopt(server, IPPROTO_SCTP, SCTP_SOCKOPT_BINDX_ADD, bound, (socklen_t) (n * sizeof *bound)) < 0) {
        perror("bindx");
        exit(1);
    }
    free(bound);
    if (events != NULL && setsockopt(server, IPPROTO_SCTP, SCTP_EVENTS, events, sizeof *events) < 0) {
        perror("SCTP_EVENTS");
        exit(1);
    }
    setsockopt(server, IPPROTO_SCTP, SCTP_RECVRCVINFO, &one, sizeof one);
    if (listen(server, 1) < 0) {
        perror("listen");
        exit(1);
    }
    printf("listening\n");
    int fd = accept(server, NULL, NULL);
    if (fd < 0) {
        perror("accept");
        exit(1);
    }
    setsockopt(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, &one, sizeof one);
    *listener = server;
    return fd;
}

/*
 * Reads one message (or notification) into buf; returns what recvmsg returns, with the message's flags and, from its
 * SCTP_RCVINFO, its stream and ppid (0 if none came).
 */
static inline ssize_t sink_recv(int fd, char *buf, size_t size, int *flags, unsigned int *stream,
                                unsigned int *ppid) {
    char control[CMSG_SPACE(sizeof(struct sctp_rcvinfo))];
    struct iovec iov = {buf, size};
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t len = recvmsg(fd, &msg, 0);
    *flags = msg.msg_flags;
    *stream = 0;
    *ppid = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); len > 0 && c != NULL; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == SCTP_RCVINFO) {
            struct sctp_rcvinfo info;
            memcpy(&info, CMSG_DATA(c), sizeof info);
            *stream = info.rcv_sid;
            *ppid = info.rcv_ppid;
        }
    }
    return len;
}

/*
 * Whether a message read by sink_recv is whole, at least min bytes long and on a stream below MAX_STREAMS, so its
 * header can be read and its stream indexes the tables; else it says why on stderr.
 */
static inline int sink_usable(ssize_t len, size_t min, unsigned int stream, int flags) {
    if (!(flags & MSG_EOR) || len < (ssize_t) min || stream >= MAX_STREAMS) {
        fprintf(stderr, "unexpected message: %zd bytes on stream %u, flags 0x%x\n", len, stream, flags);
        return 0;
    }
    return 1;
}

#endif
