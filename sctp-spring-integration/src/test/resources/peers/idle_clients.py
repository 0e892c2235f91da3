"""Holds N idle associations to a server from a process of its own, for the server's per-association footprint.

usage: idle_clients.py SERVER_HOST SERVER_PORT N

Opens N one-to-one associations, sends b'ping' on each and waits for its 4-byte echo, then prints 'idle N'. Then
reads commands from stdin, one a line:
  large SIZE   send one SIZE-byte message (byte i is i % 251) on the first association, read SIZE bytes of echo,
               print 'echoed SIZE same' or 'echoed SIZE different'
Closes everything when stdin closes. Every line is flushed at once; the test reads them.
"""
import socket
import sys
import time

IPPROTO_SCTP = 132


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def read_exactly(sock, size):
    data = bytearray()
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError("closed after %d of %d bytes" % (len(data), size))
        data += chunk
    return bytes(data)


def connect(host, port):
    for _ in range(200):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_SCTP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        try:
            sock.connect((host, port))
            return sock
        except ConnectionRefusedError:
            sock.close()  # the listener's backlog was full for a moment (see scale.md): try again
            time.sleep(0.02)
    raise ConnectionRefusedError("connect to %s:%d refused 200 times" % (host, port))


def main():
    host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    socks = []
    for _ in range(count):
        sock = connect(host, port)
        socks.append(sock)
        sock.sendall(b"ping")
        if read_exactly(sock, 4) != b"ping":
            raise AssertionError("wrong echo")
    say("idle %d" % len(socks))
    for line in sys.stdin:
        words = line.split()
        if words and words[0] == "large":
            size = int(words[1])
            message = bytes(i % 251 for i in range(size))
            socks[0].sendall(message)
            echo = read_exactly(socks[0], size)
            say("echoed %d %s" % (size, "same" if echo == message else "different"))
    for sock in socks:
        sock.close()


main()
