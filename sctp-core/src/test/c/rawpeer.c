/*
 * rawpeer: a hostile SCTP peer built on raw sockets that sets up an association of its own (the four-way handshake
 * done by hand), then sends DATA on streams the listener never granted.
 *
 *   rawpeer <interface> <server-ip> <server-port> <own-ip> <own-port> <outbound-streams> <stream>[,<stream>...]
 *
 * Packets go out through an IPPROTO_RAW socket (the IPv4 header is ours); the listener's answers are read with a
 * packet socket on <interface>. The kernel of the host this runs on must not see those answers as its own, or it
 * would treat them as out of the blue and ABORT the association with a reflected tag: the test delivers them to
 * <interface> under a MAC address that is not the interface's, so IP ignores them and only the packet socket sees
 * them.
 *
 * After COOKIE-ACK it prints "up inbound=<n>", where n is the number of streams the listener accepts from it, the
 * smaller of its own <outbound-streams> and the INIT-ACK's inbound limit. It then sends, each in a packet of its
 * own: DATA "valid-before" on stream 0, DATA "forged-<s>" on each listed stream s, DATA "valid-after" on stream 0,
 * with consecutive TSNs. From then on it prints what the listener sends: "sack acked=<k>" (how many of its DATA
 * chunks the cumulative TSN covers), "error cause=<c> stream=<s>" for each error cause (the stream only for cause
 * 1, Invalid Stream Identifier), "data stream=<s> <payload>" (answered with a SACK), "aborted" for an ABORT; it
 * answers HEARTBEATs. When stdin closes it sends an ABORT, prints "abort-sent" and exits. Needs root.
 */
#include "rawsctp.h"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_STREAMS 16

static int out_socket;
static int in_socket;
static struct sockaddr_in server;
static uint32_t own_ip, server_ip;
static unsigned own_port, server_port;

static void fail(const char *what) {
    perror(what);
    exit(1);
}

/* Sends one SCTP packet whose common header (ports, vtag) and chunks start at packet + 20. */
static void send_packet(uint8_t *packet, size_t sctp_length, uint32_t vtag) {
    uint8_t *sctp = packet + 20;
    put16(sctp, own_port);
    put16(sctp + 2, server_port);
    put32(sctp + 4, vtag);
    sctp_checksum(sctp, sctp_length);
    ipv4_header(packet, own_ip, server_ip, sctp_length);
    if (sendto(out_socket, packet, 20 + sctp_length, 0, (struct sockaddr *) &server, sizeof server) < 0) {
        fail("sendto");
    }
}

/*
 * Waits up to timeout_ms for a packet from the listener to us; returns the SCTP part's length (0 on timeout) and
 * points *sctp at it. The packet socket also sees what this program sends: only incoming packets count.
 */
static size_t receive_packet(uint8_t *buffer, size_t size, const uint8_t **sctp, int timeout_ms) {
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left = timeout_ms - ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
        if (left <= 0) {
            return 0;
        }
        struct pollfd p = { .fd = in_socket, .events = POLLIN };
        if (poll(&p, 1, (int) left) <= 0) {
            continue;
        }
        struct sockaddr_ll from;
        socklen_t from_length = sizeof from;
        ssize_t n = recvfrom(in_socket, buffer, size, 0, (struct sockaddr *) &from, &from_length);
        if (n < 20 + 12 || from.sll_pkttype == PACKET_OUTGOING) {
            continue;
        }
        size_t ihl = (size_t) (buffer[0] & 0x0F) * 4;
        uint32_t destination;
        memcpy(&destination, buffer + 16, 4);
        if (buffer[9] != IPPROTO_SCTP || destination != own_ip || (size_t) n < ihl + 12 || ihl < 20) {
            continue;
        }
        size_t total = get16(buffer + 2);
        if (total > (size_t) n || total < ihl + 12) {
            continue;
        }
        *sctp = buffer + ihl;
        if (get16(*sctp) != server_port || get16(*sctp + 2) != own_port) {
            continue;
        }
        return total - ihl;
    }
}

/* Finds the first chunk of the given type in the packet; returns its length (0 if none) and points *chunk at it. */
static size_t find_chunk(const uint8_t *sctp, size_t length, unsigned type, const uint8_t **chunk) {
    size_t offset = 12;
    while (offset + 4 <= length) {
        size_t chunk_length = get16(sctp + offset + 2);
        if (chunk_length < 4 || offset + chunk_length > length) {
            return 0;
        }
        if (sctp[offset] == type) {
            *chunk = sctp + offset;
            return chunk_length;
        }
        offset += (chunk_length + 3) & ~(size_t) 3;
    }
    return 0;
}

static size_t data_chunk(uint8_t *chunk, uint32_t tsn, unsigned stream, unsigned ssn, const char *payload) {
    size_t length = strlen(payload);
    chunk[0] = CHUNK_DATA;
    chunk[1] = 0x03; /* beginning and end of an ordered message */
    put16(chunk + 2, (unsigned) (16 + length));
    put32(chunk + 4, tsn);
    put16(chunk + 8, stream);
    put16(chunk + 10, ssn);
    put32(chunk + 12, 0);
    memcpy(chunk + 16, payload, length);
    size_t padded = (16 + length + 3) & ~(size_t) 3;
    memset(chunk + 16 + length, 0, padded - 16 - length);
    return padded;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: rawpeer <interface> <server-ip> <server-port> <own-ip> <own-port> "
                "<outbound-streams> <stream>[,<stream>...]\n");
        return 2;
    }
    const char *interface = argv[1];
    argv++;
    if (inet_pton(AF_INET, argv[1], &server_ip) != 1 || inet_pton(AF_INET, argv[3], &own_ip) != 1) {
        fprintf(stderr, "server-ip and own-ip must be IPv4 addresses\n");
        return 2;
    }
    server_port = (unsigned) atoi(argv[2]);
    own_port = (unsigned) atoi(argv[4]);
    unsigned outbound = (unsigned) atoi(argv[5]);
    unsigned streams[MAX_STREAMS];
    int stream_count = 0;
    for (char *s = strtok(argv[6], ","); s != NULL; s = strtok(NULL, ",")) {
        if (stream_count == MAX_STREAMS) {
            fprintf(stderr, "at most %d streams\n", MAX_STREAMS);
            return 2;
        }
        streams[stream_count++] = (unsigned) atoi(s);
    }
    server = (struct sockaddr_in) { .sin_family = AF_INET, .sin_addr.s_addr = server_ip };

    out_socket = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
    if (out_socket < 0) {
        fail("socket(AF_INET, SOCK_RAW, IPPROTO_RAW)");
    }
    in_socket = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
    if (in_socket < 0) {
        fail("socket(AF_PACKET, SOCK_DGRAM, ETH_P_IP)");
    }
    struct sockaddr_ll link = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP),
                              .sll_ifindex = (int) if_nametoindex(interface) };
    if (link.sll_ifindex == 0 || bind(in_socket, (struct sockaddr *) &link, sizeof link) < 0) {
        fail("bind packet socket to the interface");
    }

    srand((unsigned) time(NULL) ^ (unsigned) getpid());
    uint32_t own_tag = ((uint32_t) rand() << 1) | 1u;
    uint32_t tsn0 = (uint32_t) rand();
    uint8_t packet[2048];
    uint8_t in[65536];
    const uint8_t *sctp;
    const uint8_t *chunk;

    /* INIT: tag 0 in the common header, our tag, window, streams and first TSN in the chunk */
    uint8_t *init = packet + 20 + 12;
    init[0] = CHUNK_INIT;
    init[1] = 0;
    put16(init + 2, 20);
    put32(init + 4, own_tag);
    put32(init + 8, 65536);
    put16(init + 12, outbound);
    put16(init + 14, 65535);
    put32(init + 16, tsn0);
    uint32_t peer_tag = 0;
    unsigned peer_max_inbound = 0;
    uint32_t peer_tsn = 0;
    uint8_t cookie[1024];
    size_t cookie_length = 0;
    for (int attempt = 0; attempt < 10 && cookie_length == 0; attempt++) {
        send_packet(packet, 12 + 20, 0);
        size_t n = receive_packet(in, sizeof in, &sctp, 1000);
        size_t length;
        if (n == 0 || get32(sctp + 4) != own_tag || (length = find_chunk(sctp, n, CHUNK_INIT_ACK, &chunk)) < 20) {
            continue;
        }
        peer_tag = get32(chunk + 4);
        peer_max_inbound = get16(chunk + 14);
        peer_tsn = get32(chunk + 16);
        for (size_t offset = 20; offset + 4 <= length;) {
            size_t param_length = get16(chunk + offset + 2);
            if (param_length < 4 || offset + param_length > length) {
                break;
            }
            if (get16(chunk + offset) == PARAM_STATE_COOKIE && param_length - 4 <= sizeof cookie) {
                cookie_length = param_length - 4;
                memcpy(cookie, chunk + offset + 4, cookie_length);
            }
            offset += (param_length + 3) & ~(size_t) 3;
        }
    }
    if (cookie_length == 0) {
        fprintf(stderr, "no INIT-ACK with a state cookie from %s:%u\n", argv[1], server_port);
        return 1;
    }

    uint8_t *echo = packet + 20 + 12;
    echo[0] = CHUNK_COOKIE_ECHO;
    echo[1] = 0;
    put16(echo + 2, (unsigned) (4 + cookie_length));
    memcpy(echo + 4, cookie, cookie_length);
    size_t echo_length = (4 + cookie_length + 3) & ~(size_t) 3;
    memset(echo + 4 + cookie_length, 0, echo_length - 4 - cookie_length);
    int up = 0;
    for (int attempt = 0; attempt < 10 && !up; attempt++) {
        send_packet(packet, 12 + echo_length, peer_tag);
        size_t n = receive_packet(in, sizeof in, &sctp, 1000);
        up = n > 0 && get32(sctp + 4) == own_tag && find_chunk(sctp, n, CHUNK_COOKIE_ACK, &chunk) > 0;
    }
    if (!up) {
        fprintf(stderr, "no COOKIE-ACK from %s:%u\n", argv[1], server_port);
        return 1;
    }
    printf("up inbound=%u\n", outbound < peer_max_inbound ? outbound : peer_max_inbound);
    fflush(stdout);

    uint32_t tsn = tsn0;
    send_packet(packet, 12 + data_chunk(packet + 32, tsn++, 0, 0, "valid-before"), peer_tag);
    for (int i = 0; i < stream_count; i++) {
        char payload[32];
        snprintf(payload, sizeof payload, "forged-%u", streams[i]);
        send_packet(packet, 12 + data_chunk(packet + 32, tsn++, streams[i], 0, payload), peer_tag);
    }
    send_packet(packet, 12 + data_chunk(packet + 32, tsn++, 0, 1, "valid-after"), peer_tag);
    printf("sent %u data chunks\n", (unsigned) (tsn - tsn0));
    fflush(stdout);

    time_t deadline = time(NULL) + 120;
    while (time(NULL) < deadline) {
        struct pollfd p = { .fd = 0, .events = POLLIN };
        if (poll(&p, 1, 0) > 0) {
            char discard[256];
            if (read(0, discard, sizeof discard) <= 0) {
                uint8_t *abort_chunk = packet + 32;
                abort_chunk[0] = CHUNK_ABORT;
                abort_chunk[1] = 0;
                put16(abort_chunk + 2, 4);
                send_packet(packet, 12 + 4, peer_tag);
                printf("abort-sent\n");
                fflush(stdout);
                return 0;
            }
        }
        size_t n = receive_packet(in, sizeof in, &sctp, 100);
        if (n == 0 || get32(sctp + 4) != own_tag) {
            continue;
        }
        for (size_t offset = 12; offset + 4 <= n;) {
            const uint8_t *c = sctp + offset;
            size_t length = get16(c + 2);
            if (length < 4 || offset + length > n) {
                break;
            }
            if (c[0] == CHUNK_SACK && length >= 16) {
                printf("sack acked=%u\n", get32(c + 4) - tsn0 + 1);
            } else if (c[0] == CHUNK_ERROR) {
                for (size_t cause = 4; cause + 4 <= length;) {
                    size_t cause_length = get16(c + cause + 2);
                    if (cause_length < 4 || cause + cause_length > length) {
                        break;
                    }
                    unsigned code = get16(c + cause);
                    if (code == 1 && cause_length >= 6) {
                        printf("error cause=1 stream=%u\n", get16(c + cause + 4));
                    } else {
                        printf("error cause=%u\n", code);
                    }
                    cause += (cause_length + 3) & ~(size_t) 3;
                }
            } else if (c[0] == CHUNK_DATA && length >= 16) {
                uint32_t data_tsn = get32(c + 4);
                printf("data stream=%u %.*s\n", get16(c + 8), (int) (length - 16), (const char *) c + 16);
                if ((int32_t) (data_tsn - peer_tsn) >= 0) {
                    peer_tsn = data_tsn + 1;
                }
                uint8_t *sack = packet + 32;
                sack[0] = CHUNK_SACK;
                sack[1] = 0;
                put16(sack + 2, 16);
                put32(sack + 4, peer_tsn - 1);
                put32(sack + 8, 65536);
                put32(sack + 12, 0);
                send_packet(packet, 12 + 16, peer_tag);
            } else if (c[0] == CHUNK_HEARTBEAT && length <= 1024) {
                uint8_t *ack = packet + 32;
                memcpy(ack, c, length);
                ack[0] = CHUNK_HEARTBEAT_ACK;
                ack[1] = 0;
                size_t padded = (length + 3) & ~(size_t) 3;
                memset(ack + length, 0, padded - length);
                send_packet(packet, 12 + padded, peer_tag);
            } else if (c[0] == CHUNK_ABORT) {
                printf("aborted\n");
                fflush(stdout);
                return 1;
            } else {
                printf("chunk type=%u\n", c[0]);
            }
            offset += (length + 3) & ~(size_t) 3;
        }
        fflush(stdout);
    }
    fprintf(stderr, "stdin still open after 120 s\n");
    return 1;
}
