/*
 * inject: a hostile SCTP peer that forges one chunk into a live association on 127.0.0.1.
 *
 *   inject <target-port> <source-port> error|abort <cause-code> [cause-info-text]
 *
 * It sniffs the association with a raw IPPROTO_SCTP socket (which sees a copy of every SCTP packet the host
 * receives) until a packet with a DATA chunk travels from <source-port> to <target-port>, takes the verification
 * tag the target expects from it, and sends the target one packet from <source-port>: an ERROR chunk (an Operation
 * Error the target reports as SCTP_REMOTE_ERROR) or an ABORT chunk, each carrying one error cause with the given
 * code and optional info. Needs root (CAP_NET_RAW). Prints "sniffing" when ready and "injected vtag=<tag>" when done.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHUNK_ABORT 6
#define CHUNK_ERROR 9

/* CRC32c (Castagnoli), reflected, as RFC 9260 appendix A specifies for the SCTP checksum. */
static uint32_t crc32c(const uint8_t *data, size_t length) {
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

/*
 * Whether the packet bundles a DATA chunk. Injecting after one (not after the heartbeats that follow COMM_UP) means
 * the forged chunk reaches the target after that message: the kernel has queued the DATA before the raw copy's
 * reader could run.
 */
static int carries_data(const uint8_t *sctp, size_t length) {
    size_t offset = 12;
    while (offset + 4 <= length) {
        size_t chunk = (size_t) (sctp[offset + 2] << 8 | sctp[offset + 3]);
        if (sctp[offset] == 0) {
            return 1;
        }
        if (chunk < 4) {
            return 0;
        }
        offset += (chunk + 3) & ~(size_t) 3;
    }
    return 0;
}

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t) (v >> 8); p[1] = (uint8_t) v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xFFFF); }

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: inject <target-port> <source-port> error|abort <cause-code> [info]\n");
        return 2;
    }
    unsigned target = (unsigned) atoi(argv[1]);
    unsigned source = (unsigned) atoi(argv[2]);
    int abort_chunk = strcmp(argv[3], "abort") == 0;
    unsigned cause = (unsigned) strtoul(argv[4], NULL, 0);
    const char *info = argc > 5 ? argv[5] : "";
    size_t info_length = strlen(info);
    if (info_length > 256) {
        fprintf(stderr, "info is %zu bytes; at most 256\n", info_length);
        return 2;
    }

    int raw = socket(AF_INET, SOCK_RAW, IPPROTO_SCTP);
    if (raw < 0) {
        perror("socket(AF_INET, SOCK_RAW, IPPROTO_SCTP)");
        return 1;
    }
    struct timeval wait = { .tv_sec = 30 };
    setsockopt(raw, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    printf("sniffing\n");
    fflush(stdout);

    uint8_t in[65536];
    uint32_t vtag = 0;
    for (;;) {
        ssize_t n = recv(raw, in, sizeof in, 0);
        if (n < 0) {
            perror("no packet from the source port to the target port within 30 s");
            return 1;
        }
        if (n < (ssize_t) sizeof(struct iphdr)) {
            continue;
        }
        size_t ihl = (size_t) (in[0] & 0x0F) * 4;
        if ((size_t) n < ihl + 12) {
            continue;
        }
        const uint8_t *sctp = in + ihl;
        unsigned src = (unsigned) (sctp[0] << 8 | sctp[1]);
        unsigned dst = (unsigned) (sctp[2] << 8 | sctp[3]);
        if (src == source && dst == target && carries_data(sctp, (size_t) n - ihl)) {
            vtag = (uint32_t) sctp[4] << 24 | (uint32_t) sctp[5] << 16 | (uint32_t) sctp[6] << 8 | sctp[7];
            break;
        }
    }

    /* common header (12) + chunk header (4) + cause header (4) + info, padded to 4 */
    uint8_t out[12 + 4 + 4 + 260];
    memset(out, 0, sizeof out);
    size_t cause_length = 4 + info_length;
    size_t padded = (cause_length + 3) & ~(size_t) 3;
    put16(out, source);
    put16(out + 2, target);
    put32(out + 4, vtag);
    out[12] = abort_chunk ? CHUNK_ABORT : CHUNK_ERROR;
    out[13] = 0;
    put16(out + 14, (unsigned) (4 + cause_length));
    put16(out + 16, cause);
    put16(out + 18, (unsigned) cause_length);
    memcpy(out + 20, info, info_length);
    size_t total = 12 + 4 + padded;
    uint32_t crc = crc32c(out, total);
    /* the checksum goes on the wire least significant byte first, as the kernel stores it (cpu_to_le32) */
    out[8] = (uint8_t) crc;
    out[9] = (uint8_t) (crc >> 8);
    out[10] = (uint8_t) (crc >> 16);
    out[11] = (uint8_t) (crc >> 24);

    struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (sendto(raw, out, total, 0, (struct sockaddr *) &to, sizeof to) != (ssize_t) total) {
        perror("sendto");
        return 1;
    }
    printf("injected vtag=%u\n", vtag);
    fflush(stdout);
    close(raw);
    return 0;
}
