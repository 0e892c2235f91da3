# A kernel SCTP peer in its own process for ReconfigurationTest and AuthenticationTest: it listens on 127.0.0.1,
# prints "port N", accepts one association (or with connect=PORT dials 127.0.0.1:PORT and prints its own port),
# prints every notification and message it receives, and runs the commands read from stdin (one a line). Options are raw setsockopt calls with linux/sctp.h numbers and layouts.
#
# argv: reconf=0|1 enable=FLAGS auth=0|1 [authchunk=T] [key=N:HEX]... [active=N] [connect=PORT]
import socket, struct, sys, threading

SOL_SCTP = 132
args = dict(a.split('=', 1) for a in sys.argv[1:] if not a.startswith('key='))
keys = [a[4:] for a in sys.argv[1:] if a.startswith('key=')]

def set_assoc_value(s, opt, value):
    s.setsockopt(SOL_SCTP, opt, struct.pack('=iI', 0, value))  # struct sctp_assoc_value

def set_key(s, number, hexkey):
    key = bytes.fromhex(hexkey)
    s.setsockopt(SOL_SCTP, 23, struct.pack('=iHH', 0, number, len(key)) + key + b'\0')  # SCTP_AUTH_KEY

def key_id(s, opt, number):
    s.setsockopt(SOL_SCTP, opt, struct.pack('=iHxx', 0, number))  # struct sctp_authkeyid

def configure(s):
    set_assoc_value(s, 117, int(args.get('reconf', '0')))           # SCTP_RECONFIG_SUPPORTED
    set_assoc_value(s, 118, int(args.get('enable', '0')))           # SCTP_ENABLE_STREAM_RESET
    set_assoc_value(s, 129, int(args.get('auth', '0')))             # SCTP_AUTH_SUPPORTED
    if 'authchunk' in args:
        s.setsockopt(SOL_SCTP, 21, struct.pack('=B', int(args['authchunk'])))  # SCTP_AUTH_CHUNK
    for k in keys:
        number, hexkey = k.split(':', 1)
        set_key(s, int(number), hexkey)
    if 'active' in args:
        key_id(s, 24, int(args['active']))                           # SCTP_AUTH_ACTIVE_KEY

if 'connect' in args:                                                # dial 127.0.0.1:PORT instead of listening
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM, SOL_SCTP)
    configure(c)
    c.connect(('127.0.0.1', int(args['connect'])))
    print('port %d' % c.getsockname()[1], flush=True)
else:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, SOL_SCTP)
    configure(listener)
    listener.bind(('127.0.0.1', 0))
    listener.listen(1)
    print('port %d' % listener.getsockname()[1], flush=True)
    c, _ = listener.accept()
c.setsockopt(SOL_SCTP, 32, 1)                                        # SCTP_RECVRCVINFO
for event in (0x8008, 0x800a, 0x800b, 0x800c):                       # auth, stream reset, assoc reset, change
    c.setsockopt(SOL_SCTP, 127, struct.pack('=iHBx', 0, event, 1))   # SCTP_EVENT

def describe(n):
    kind, flags, length = struct.unpack_from('=HHI', n, 0)
    if kind == 0x800a:
        count = (length - 12) // 2
        streams = struct.unpack_from('=%dH' % count, n, 12) if count else ()
        return 'event stream_reset flags=%d streams=%s' % (flags, ','.join(map(str, streams)))
    if kind == 0x800b:
        local, remote = struct.unpack_from('=II', n, 12)
        return 'event assoc_reset flags=%d local_tsn=%d remote_tsn=%d' % (flags, local, remote)
    if kind == 0x800c:
        instrms, outstrms = struct.unpack_from('=HH', n, 12)
        return 'event stream_change flags=%d in=%d out=%d' % (flags, instrms, outstrms)
    if kind == 0x8008:
        keynumber, alt, indication = struct.unpack_from('=HHI', n, 8)
        return 'event auth key=%d indication=%d' % (keynumber, indication)
    return 'event type=0x%x flags=%d' % (kind, flags)

def reader():
    while True:
        data, anc, flags, _ = c.recvmsg(65536, 256)
        if flags & 0x8000:                                            # MSG_NOTIFICATION
            print(describe(data), flush=True)
            continue
        if not data:
            print('eof', flush=True)
            return
        sid = ssn = tsn = -1
        for level, kind, p in anc:
            if level == SOL_SCTP and kind == 3:                       # SCTP_RCVINFO
                sid, ssn = struct.unpack_from('=HH', p, 0)
                tsn = struct.unpack_from('=I', p, 12)[0]
        print('data sid=%d ssn=%d tsn=%d text=%s' % (sid, ssn, tsn, data.decode()), flush=True)

threading.Thread(target=reader, daemon=True).start()

def status():
    b = c.getsockopt(SOL_SCTP, 14, 176)                               # SCTP_STATUS
    instrms, outstrms = struct.unpack_from('=HH', b, 16)
    return 'status in=%d out=%d' % (instrms, outstrms)

for line in sys.stdin:
    cmd = line.split()
    try:
        if cmd[0] == 'send':                                          # send SID TEXT on stream SID
            sid = int(cmd[1])
            info = struct.pack('=HHIII', sid, 0, 0, 0, 0)              # struct sctp_sndinfo
            c.sendmsg([cmd[2].encode()], [(SOL_SCTP, 2, info)])       # SCTP_SNDINFO
        elif cmd[0] == 'reset-out':                                   # reset-out S,S,... (or 'all')
            streams = [] if cmd[1] == 'all' else [int(x) for x in cmd[1].split(',')]
            c.setsockopt(SOL_SCTP, 119, struct.pack('=iHH%dH' % len(streams), 0, 2, len(streams), *streams))
        elif cmd[0] == 'add-streams':                                 # add-streams IN OUT
            c.setsockopt(SOL_SCTP, 121, struct.pack('=iHH', 0, int(cmd[1]), int(cmd[2])))
        elif cmd[0] == 'active':
            key_id(c, 24, int(cmd[1]))
        elif cmd[0] == 'status':
            print(status(), flush=True)
        print('ok ' + cmd[0], flush=True)
    except OSError as e:
        print('error %s %d' % (cmd[0], e.errno), flush=True)
