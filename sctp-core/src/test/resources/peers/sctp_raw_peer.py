#!/usr/bin/env python3
"""A minimal SCTP peer on a raw IPv4 socket (needs root) for what a socket cannot make the Linux kernel do: it
makes an association with a listener by the four-way handshake of RFC 4960 section 5.1, then either sends one ERROR
chunk (section 3.3.10) carrying one error cause, or makes the handshake again from the same port with a new tag, as
a restarted peer would (section 5.2.4). The local kernel answers the listener's INIT-ACKs with an ABORT, since no
socket owns this port; the listener drops it (no association yet, or a tag that does not match).

usage: sctp_raw_peer.py HOST PORT error CAUSE_CODE CAUSE_DATA_HEX
       sctp_raw_peer.py HOST PORT restart
prints "established" after the first COOKIE-ACK, then "error sent" or "restarted".
"""
import random
import socket
import struct
import sys

IPPROTO_SCTP = 132


def crc32c_table():
    table = []
    for i in range(256):
        crc = i
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


TABLE = crc32c_table()


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc = TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def pad4(data):
    return data + b"\0" * (-len(data) % 4)


def chunk(ctype, body):
    return pad4(struct.pack("!BBH", ctype, 0, 4 + len(body)) + body)


def packet(sport, dport, vtag, chunks):
    raw = struct.pack("!HHII", sport, dport, vtag, 0) + chunks
    # RFC 4960 appendix B: CRC32c over the packet with a zero checksum field; Linux stores it little-endian
    # (sctp_compute_cksum, include/net/sctp/checksum.h).
    return raw[:8] + struct.pack("<I", crc32c(raw)) + raw[12:]


def chunks_of(sctp):
    at = 12
    while at + 4 <= len(sctp):
        ctype, _flags, length = struct.unpack("!BBH", sctp[at:at + 4])
        if length < 4:
            return
        yield ctype, sctp[at + 4:at + length]
        at += length + (-length % 4)


def await_chunk(sock, sport, dport, wanted):
    while True:
        data = sock.recv(65535)
        sctp = data[(data[0] & 0x0F) * 4:]
        src, dst = struct.unpack("!HH", sctp[:4])
        if src != dport or dst != sport:
            continue  # our own packets come back on loopback, and other associations' traffic
        for ctype, body in chunks_of(sctp):
            if ctype == wanted:
                return body


def handshake(sock, host, sport, port):
    """INIT, INIT-ACK, COOKIE-ECHO, COOKIE-ACK with a fresh initiate tag; returns the listener's tag."""
    my_tag = random.randint(1, 0xFFFFFFFF)
    tsn = random.randint(0, 0xFFFFFFFF)
    # INIT: initiate tag, a_rwnd, outbound streams, max inbound streams, initial TSN; no optional parameters.
    init = chunk(1, struct.pack("!IIHHI", my_tag, 65536, 4, 4, tsn))
    sock.sendto(packet(sport, port, 0, init), (host, 0))
    init_ack = await_chunk(sock, sport, port, 2)
    peer_tag = struct.unpack("!I", init_ack[:4])[0]
    cookie = None
    at = 16
    while at + 4 <= len(init_ack):
        ptype, plen = struct.unpack("!HH", init_ack[at:at + 4])
        if ptype == 7:  # State Cookie
            cookie = init_ack[at + 4:at + plen]
        at += plen + (-plen % 4)
    if cookie is None:
        sys.exit("INIT-ACK without a state cookie")
    sock.sendto(packet(sport, port, peer_tag, chunk(10, cookie)), (host, 0))
    await_chunk(sock, sport, port, 11)
    return peer_tag


def main():
    host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, IPPROTO_SCTP)
    sock.settimeout(20)
    sport = random.randint(40000, 60000)
    peer_tag = handshake(sock, host, sport, port)
    print("established", flush=True)
    if mode == "error":
        cause, cause_data = int(sys.argv[4]), bytes.fromhex(sys.argv[5])
        cause_tlv = struct.pack("!HH", cause, 4 + len(cause_data)) + cause_data
        sock.sendto(packet(sport, port, peer_tag, chunk(9, cause_tlv)), (host, 0))
        print("error sent", flush=True)
    elif mode == "restart":
        # The same address and port with a new tag, as a peer that lost its state does: RFC 4960 section 5.2.4
        # case A, a restart of the association.
        handshake(sock, host, sport, port)
        print("restarted", flush=True)
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
