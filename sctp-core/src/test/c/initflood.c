/*
 * initflood: floods a listener with SCTP INIT chunks from raw sockets, as a SYN flood would a TCP listener.
 *
 *   initflood <server-ip> <server-port> <seconds> <source-ip>[,<source-ip>...]
 *
 * For <seconds> it sends INITs as fast as it can, each from a random source port and with a random initiate tag,
 * the source addresses taken in turn, through an IPPROTO_RAW socket (so the IPv4 header is ours). It never answers
 * an INIT-ACK: the listener must keep no state for them (RFC 9260 section 5.1.3, the state cookie). A raw
 * IPPROTO_SCTP socket counts the INIT-ACKs that come back (best effort: a reader that falls behind loses some).
 * Prints "ready" once its sockets are open, waits for a line on stdin (so the test can take its baselines with
 * this process's pipes already open), prints "flooding" when it starts and, at the end,
 * "sent <n> inits in <ms> ms rate <r>/s init-acks <m> send-errors <e>". Needs root.
 */
#include "rawsctp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SOURCES 8

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Reads what the raw SCTP socket holds without waiting; returns the INIT-ACKs from the listener's port. */
static long drain_init_acks(int in, unsigned server_port) {
    uint8_t buffer[2048];
    long acks = 0;
    for (;;) {
        ssize_t n = recv(in, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n < 0) {
            return acks;
        }
        size_t ihl = (size_t) (buffer[0] & 0x0F) * 4;
        if (ihl >= 20 && (size_t) n >= ihl + 16 && get16(buffer + ihl) == server_port
                && buffer[ihl + 12] == CHUNK_INIT_ACK) {
            acks++;
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: initflood <server-ip> <server-port> <seconds> <source-ip>[,<source-ip>...]\n");
        return 2;
    }
    uint32_t server_ip;
    if (inet_pton(AF_INET, argv[1], &server_ip) != 1) {
        fprintf(stderr, "server-ip must be an IPv4 address\n");
        return 2;
    }
    unsigned server_port = (unsigned) atoi(argv[2]);
    long long duration_ms = (long long) (atof(argv[3]) * 1000);
    uint32_t sources[MAX_SOURCES];
    int source_count = 0;
    for (char *s = strtok(argv[4], ","); s != NULL; s = strtok(NULL, ",")) {
        if (source_count == MAX_SOURCES || inet_pton(AF_INET, s, &sources[source_count]) != 1) {
            fprintf(stderr, "at most %d IPv4 source addresses; '%s' is not one\n", MAX_SOURCES, s);
            return 2;
        }
        source_count++;
    }

    int out = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
    if (out < 0) {
        perror("socket(AF_INET, SOCK_RAW, IPPROTO_RAW)");
        return 1;
    }
    int in = socket(AF_INET, SOCK_RAW, IPPROTO_SCTP);
    if (in < 0) {
        perror("socket(AF_INET, SOCK_RAW, IPPROTO_SCTP)");
        return 1;
    }
    int buffer_size = 8 << 20;
    setsockopt(in, SOL_SOCKET, SO_RCVBUFFORCE, &buffer_size, sizeof buffer_size);

    struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr.s_addr = server_ip };
    srand((unsigned) time(NULL) ^ (unsigned) getpid());
    uint8_t packet[20 + 12 + 20];
    uint8_t *sctp = packet + 20;
    uint8_t *init = sctp + 12;
    long sent = 0, errors = 0, acks = 0;
    printf("ready\n");
    fflush(stdout);
    char go[64];
    if (fgets(go, sizeof go, stdin) == NULL) {
        fprintf(stderr, "stdin closed before the go line\n");
        return 1;
    }
    printf("flooding\n");
    fflush(stdout);
    long long start = now_ms();
    long long end = start + duration_ms;
    while (now_ms() < end) {
        for (int burst = 0; burst < 64; burst++) {
            put16(sctp, 1024 + (unsigned) rand() % (65536 - 1024));
            put16(sctp + 2, server_port);
            put32(sctp + 4, 0);
            init[0] = CHUNK_INIT;
            init[1] = 0;
            put16(init + 2, 20);
            put32(init + 4, ((uint32_t) rand() << 1) | 1u);
            put32(init + 8, 65536);
            put16(init + 12, 10);
            put16(init + 14, 10);
            put32(init + 16, (uint32_t) rand());
            sctp_checksum(sctp, 12 + 20);
            ipv4_header(packet, sources[sent % source_count], server_ip, 12 + 20);
            if (sendto(out, packet, sizeof packet, 0, (struct sockaddr *) &to, sizeof to) < 0) {
                if (errno != ENOBUFS && errno != EAGAIN) {
                    perror("sendto");
                    return 1;
                }
                errors++;
            } else {
                sent++;
            }
        }
        acks += drain_init_acks(in, server_port);
    }
    long long elapsed = now_ms() - start;
    /* the last INIT-ACKs are on their way: one more look after a moment */
    usleep(200 * 1000);
    acks += drain_init_acks(in, server_port);
    printf("sent %ld inits in %lld ms rate %lld/s init-acks %ld send-errors %ld\n", sent, elapsed,
           elapsed > 0 ? sent * 1000 / elapsed : 0, acks, errors);
    fflush(stdout);
    close(in);
    close(out);
    return 0;
}
