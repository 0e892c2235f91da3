"""A sender in its own process that makes the kernel interleave the parts of large messages of several streams.

usage: interleave_sender.py SERVER_HOST SERVER_PORT STREAMS MESSAGES SIZE [MAXSEG]

STREAMS is a comma-separated list of stream numbers; MESSAGES messages are sent on each, round robin over the
streams, message k of stream s being SIZE + 1000 * k + 100 * s bytes: a u16 stream, a u32 sequence number k, then
byte i = (i * (2 * s + 1) + 13 * s + k) & 0xff (see pattern()).

The socket offers I-DATA (SCTP_FRAGMENT_INTERLEAVE 2, then SCTP_INTERLEAVING_SUPPORTED; the sysctl
net.sctp.intl_enable must be 1) and, once connected, uses the round-robin stream scheduler (SCTP_SS_RR). With
I-DATA the kernel's scheduler may switch streams between the chunks of one message (net/sctp/stream_sched.c,
sctp_sched_dequeue_done keeps the current stream only without intl_capable), so the chunks of the messages queued
on different streams go out in turn. A send buffer of several messages keeps messages of every stream queued. The
socket asks for outbound streams up to the largest in STREAMS (SCTP_INITMSG; the kernel's default is 10). MAXSEG, if
given, is the largest chunk (SCTP_MAXSEG): on loopback, whose MTU is 64 KiB, messages below that are otherwise sent
in one chunk each and so cannot interleave; with it the send buffer is forced to 4 MiB (SO_SNDBUFFORCE, needs root)
so that every message is queued even while the receiver reads nothing.

Prints 'intl <0|1>' (whether the association uses I-DATA), then 'sent <count>' when every message is queued; then
waits for stdin to close, shuts down and prints 'closed'. Every line is flushed at once; the test reads them.
"""
import socket
import struct
import sys

SCTP_INITMSG = 2                    # linux/sctp.h socket options
SCTP_MAXSEG = 13
SCTP_FRAGMENT_INTERLEAVE = 18
SCTP_STREAM_SCHEDULER = 123
SCTP_INTERLEAVING_SUPPORTED = 125
SCTP_SNDINFO = 2                    # cmsg type, struct sctp_sndinfo
SCTP_SS_RR = 2                      # enum sctp_sched_type
SO_SNDBUFFORCE = 32                 # asm-generic/socket.h


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def pattern(stream, seq, size):
    # the byte repeats every 256 positions: build one period and repeat it (python is slow in the emulated VM)
    period = bytes(((i * (2 * stream + 1) + 13 * stream + seq) & 0xFF) for i in range(256))
    return struct.pack("!HI", stream, seq) + (period * (size // 256 + 1))[6:size]


def assoc_value(value):
    return struct.pack("=iI", 0, value)  # struct sctp_assoc_value: assoc_id 0 (ignored one-to-one), value


def main():
    host, port, streams, messages, size = sys.argv[1], int(sys.argv[2]), \
        [int(s) for s in sys.argv[3].split(",")], int(sys.argv[4]), int(sys.argv[5])
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_SCTP)
    # struct sctp_initmsg: outbound streams, max inbound streams, max attempts, max init timeout (0: default)
    s.setsockopt(socket.IPPROTO_SCTP, SCTP_INITMSG, struct.pack("=HHHH", max(max(streams) + 1, 10), 0, 0, 0))
    if len(sys.argv) > 6:
        s.setsockopt(socket.IPPROTO_SCTP, SCTP_MAXSEG, assoc_value(int(sys.argv[6])))
    s.setsockopt(socket.IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, 2)
    s.setsockopt(socket.IPPROTO_SCTP, SCTP_INTERLEAVING_SUPPORTED, assoc_value(1))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 * 1024 * 1024)
    if len(sys.argv) > 6:
        # every message must fit while the receiver reads nothing: beyond net.core.wmem_max (root, as in the VM);
        # after SO_SNDBUF, which would cut it back down to wmem_max
        s.setsockopt(socket.SOL_SOCKET, SO_SNDBUFFORCE, 4 * 1024 * 1024)
    s.connect((host, port))
    s.setsockopt(socket.IPPROTO_SCTP, SCTP_STREAM_SCHEDULER, assoc_value(SCTP_SS_RR))
    intl = struct.unpack("=iI", s.getsockopt(socket.IPPROTO_SCTP, SCTP_INTERLEAVING_SUPPORTED, 8))[1]
    say("intl %d" % intl)
    sent = 0
    for seq in range(messages):
        for stream in streams:
            info = struct.pack("=HHIIi", stream, 0, 0, 0, 0)  # struct sctp_sndinfo: sid, flags, ppid, context, id
            s.sendmsg([pattern(stream, seq, size + 1000 * seq + 100 * stream)],
                      [(socket.IPPROTO_SCTP, SCTP_SNDINFO, info)])
            sent += 1
    say("sent %d" % sent)
    sys.stdin.read()
    s.shutdown(socket.SHUT_RDWR)
    s.close()
    say("closed")


main()
