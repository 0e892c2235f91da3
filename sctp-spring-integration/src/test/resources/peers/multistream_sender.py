#!/usr/bin/env python3
"""A peer in another process: sends numbered messages round-robin on several streams until the association stops
taking them, then reads until it ends. Prints one JSON line: the messages the kernel accepted per stream, and how
the association ended ("eof" after a graceful SHUTDOWN, "reset" after an ABORT).

usage: multistream_sender.py HOST PORT STREAMS SIZE
"""
import json
import socket
import struct
import sys

IPPROTO_SCTP = 132
SCTP_SNDINFO = 2

host, port, streams, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_SCTP)
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16384)
s.settimeout(120)
s.connect((host, port))
sent = [0] * streams
error = None
try:
    while True:
        for sid in range(streams):
            payload = struct.pack("!HI", sid, sent[sid]).ljust(size, b"x")
            s.sendmsg([payload], [(IPPROTO_SCTP, SCTP_SNDINFO, struct.pack("=HHIII", sid, 0, 0, 0, 0))])
            sent[sid] += 1
except OSError as e:
    error = type(e).__name__ + ": " + str(e)
end = "unknown"
try:
    while True:
        data = s.recv(65536)
        if not data:
            end = "eof"
            break
except ConnectionResetError:
    end = "reset"
except OSError as e:
    end = "error " + type(e).__name__ + ": " + str(e)
s.close()
print(json.dumps({"sent": sent, "end": end, "sendError": error}), flush=True)
