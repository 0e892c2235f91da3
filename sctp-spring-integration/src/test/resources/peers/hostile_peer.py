"""A test peer in its own process, for the listener's allow-list, limits and hostile-peer tests.

usage: hostile_peer.py MODE SERVER_HOST SERVER_PORT LOCAL_ADDRS [ARG]

LOCAL_ADDRS is a comma-separated list bound with sctp_bindx before connecting (several make a multi-homed peer).
Modes:
  send TEXT      send TEXT, then wait: print 'echo <text>' for each reply, 'aborted' or 'eof' at the end
  oversize CN    send one message of N bytes, each the character C (then as 'send')
  abort REASON   send an ABORT carrying REASON as the user-initiated abort cause, print 'abort-sent'
  addaddr A TEXT send TEXT, wait for its echo, then add local address A to the association (ASCONF ADD_IP, needs
                 net.sctp.addip_enable), print 'added' and go on as 'send'
  noread         never read; print 'up' and wait for stdin to close
  connects N     open N associations at once, print 'up <opened> refused <refused>', then report each ending and
                 wait for stdin
 pinger MS      a well-behaved peer: send 'ping-<n>' every MS milliseconds until stdin closes, print each echo
  flood SIZE S   for S seconds send SIZE-byte messages (a u32 sequence number first) as fast as the kernel takes
                 them, each send waiting at most 1 s; print 'held' at the first send that timed out, then
                 'sent N timeouts T rss_start_kb A rss_max_kb B', then shut down, print 'shutdown' and wait for stdin
Every line is flushed at once; the test reads them.
"""
import errno
import os
import select
import socket
import struct
import sys
import threading

SCTP_SOCKOPT_BINDX_ADD = 100  # linux/sctp.h
SCTP_SNDRCV = 1               # cmsg type, struct sctp_sndrcvinfo
SCTP_ABORT = 1 << 2           # sinfo_flags


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def sockaddr(host):
    if ":" in host:
        return socket.AF_INET6, struct.pack("=HHI16sI", socket.AF_INET6, 0, 0,
                                             socket.inet_pton(socket.AF_INET6, host), 0)
    return socket.AF_INET, struct.pack("=HH4s8x", socket.AF_INET, 0, socket.inet_pton(socket.AF_INET, host))


def connect(server, port, local, kind=socket.SOCK_STREAM):
    family = socket.AF_INET6 if ":" in server or any(":" in a for a in local) else socket.AF_INET
    s = socket.socket(family, kind, socket.IPPROTO_SCTP)
    if local:
        packed = b"".join(sockaddr(a)[1] for a in local)
        s.setsockopt(socket.IPPROTO_SCTP, SCTP_SOCKOPT_BINDX_ADD, packed)
    s.connect((server, port))
    return s


def wait_replies(s):
    while True:
        try:
            data = s.recv(65536)
        except ConnectionResetError:
            say("aborted")
            return
        except OSError as e:
            say("error " + errno.errorcode.get(e.errno, str(e.errno)))
            return
        if not data:
            say("eof")
            return
        say("echo " + data.decode("utf-8", "replace"))


def rss_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def flood(s, size, seconds):
    import time
    s.settimeout(1.0)
    buf = bytearray(size)
    sent = timeouts = 0
    start_rss = max_rss = rss_kb()
    end = time.monotonic() + seconds
    next_sample = 0.0
    while time.monotonic() < end:
        struct.pack_into("!I", buf, 0, sent)
        try:
            s.send(buf)
            sent += 1
        except socket.timeout:
            timeouts += 1
            if timeouts == 1:
                say("held")
        now = time.monotonic()
        if now >= next_sample:
            max_rss = max(max_rss, rss_kb())
            next_sample = now + 0.5
    say("sent %d timeouts %d rss_start_kb %d rss_max_kb %d" % (sent, timeouts, start_rss, max(max_rss, rss_kb())))
    s.settimeout(None)
    # SHUTDOWN goes out once the peer has everything: what the kernel took is delivered, not dropped, even at exit
    s.shutdown(socket.SHUT_WR)
    say("shutdown")
    sys.stdin.read()


def main():
    mode, server, port, local = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
    arg = sys.argv[5] if len(sys.argv) > 5 else ""
    if mode == "connects":
        count = int(arg)
        sockets, refused = [], 0
        for _ in range(count):
            try:
                sockets.append(connect(server, port, local))
            except ConnectionRefusedError:
                refused += 1  # an ABORT came before connect() returned (the listener refused it at once)
        say("up %d refused %d" % (len(sockets), refused))
        poller = select.poll()
        for s in sockets:
            poller.register(s, select.POLLIN)
        poller.register(sys.stdin, select.POLLIN)
        open_count = len(sockets)
        while True:
            for fd, _ in poller.poll():
                if fd == sys.stdin.fileno():
                    return
                poller.unregister(fd)
                open_count -= 1
                say("ended, open %d" % open_count)
    if mode == "abort":
        # Linux refuses SCTP_ABORT on one-to-one sockets (EINVAL): a one-to-many socket sends the ABORT with a reason
        s = connect(server, port, local, socket.SOCK_SEQPACKET)
        info = struct.pack("=HHHxxIIIIIi", 0, 0, SCTP_ABORT, 0, 0, 0, 0, 0, 0)
        s.sendmsg([arg.encode("utf-8")], [(socket.IPPROTO_SCTP, SCTP_SNDRCV, info)], 0, (server, port))
        say("abort-sent")
        return
    s = connect(server, port, local)
    if mode == "addaddr":
        s.send(sys.argv[6].encode("utf-8"))
        say("echo " + s.recv(65536).decode("utf-8", "replace"))
        s.setsockopt(socket.IPPROTO_SCTP, SCTP_SOCKOPT_BINDX_ADD, sockaddr(arg)[1])
        say("added")
        wait_replies(s)
        return
    if mode == "pinger":
        def ping():
            n = 0
            while not stop.wait(int(arg) / 1000.0):
                try:
                    s.send(("ping-%d" % n).encode("utf-8"))
                except OSError:
                    return
                n += 1
        stop = threading.Event()
        threading.Thread(target=ping, daemon=True).start()
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set(), s.shutdown(socket.SHUT_WR)),
                         daemon=True).start()
        wait_replies(s)
        return
    if mode == "flood":
        flood(s, int(arg), float(sys.argv[6]))
        return
    if mode in ("send", "oversize"):
        payload = arg.encode("utf-8") if mode == "send" else arg[:1].encode("utf-8") * int(arg[1:])
        try:
            s.send(payload)
        except (ConnectionResetError, BrokenPipeError):
            say("aborted")  # the listener aborted before the message went out
            return
        say("sent")
        wait_replies(s)
    elif mode == "noread":
        say("up")
        sys.stdin.read()
    else:
        say("unknown mode " + mode)
        sys.exit(2)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # the test reads the reason from the output
        say("failed %r" % (e,))
        sys.exit(1)
