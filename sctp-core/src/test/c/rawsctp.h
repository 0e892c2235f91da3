/*
 * rawsctp.h: what the raw-socket test peers (rawpeer.c, initflood.c) share: the SCTP checksum, big-endian field
 * access and an IPv4 header for packets sent with IP_HDRINCL (so a peer can choose its source address per packet).
 * Header-only so that CProgram can keep compiling one .c file per peer.
 */
#ifndef RAWSCTP_H
#define RAWSCTP_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CHUNK_DATA 0
#define CHUNK_INIT 1
#define CHUNK_INIT_ACK 2
#define CHUNK_SACK 3
#define CHUNK_HEARTBEAT 4
#define CHUNK_HEARTBEAT_ACK 5
#define CHUNK_ABORT 6
#define CHUNK_ERROR 9
#define CHUNK_COOKIE_ECHO 10
#define CHUNK_COOKIE_ACK 11

#define PARAM_STATE_COOKIE 7

/* CRC32c (Castagnoli), reflected, as RFC 9260 appendix A specifies for the SCTP checksum. */
static inline uint32_t crc32c(const uint8_t *data, size_t length) {
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

static inline void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t) (v >> 8); p[1] = (uint8_t) v; }
static inline void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xFFFF); }
static inline unsigned get16(const uint8_t *p) { return (unsigned) (p[0] << 8 | p[1]); }
static inline uint32_t get32(const uint8_t *p) { return (uint32_t) get16(p) << 16 | get16(p + 2); }

/* Writes the SCTP common header's checksum over the whole packet (checksum field zero while computing). */
static inline void sctp_checksum(uint8_t *sctp, size_t length) {
    memset(sctp + 8, 0, 4);
    uint32_t crc = crc32c(sctp, length);
    /* least significant byte first on the wire, as the kernel stores it (cpu_to_le32) */
    sctp[8] = (uint8_t) crc;
    sctp[9] = (uint8_t) (crc >> 8);
    sctp[10] = (uint8_t) (crc >> 16);
    sctp[11] = (uint8_t) (crc >> 24);
}

/*
 * Writes a 20-byte IPv4 header for an SCTP packet of sctp_length bytes. With IP_HDRINCL the kernel fills in the
 * header checksum (and the id when it is zero), so those stay zero here.
 */
static inline void ipv4_header(uint8_t *ip, uint32_t source, uint32_t destination, size_t sctp_length) {
    memset(ip, 0, 20);
    ip[0] = 0x45;
    put16(ip + 2, (unsigned) (20 + sctp_length));
    ip[6] = 0x40; /* don't fragment */
    ip[8] = 64;
    ip[9] = IPPROTO_SCTP;
    memcpy(ip + 12, &source, 4);
    memcpy(ip + 16, &destination, 4);
}

#endif
