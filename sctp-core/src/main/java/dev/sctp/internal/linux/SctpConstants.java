package dev.sctp.internal.linux;

/**
 * Socket-layer and SCTP constants for Linux x86_64, each with the header it comes from.
 *
 * <p>Internal usage only. The values were checked against {@code /usr/include/linux/sctp.h} (linux-libc-dev 6.1)
 * and the x86_64 socket headers; {@code LayoutTest} asserts the struct sizes this library relies on.
 */
public final class SctpConstants {

    private SctpConstants() {
    }

    // linux/in.h
    public static final int IPPROTO_SCTP = 132;
    public static final int IPPROTO_IPV6 = 41;
    // linux/in6.h
    public static final int IPV6_V6ONLY = 26;
    // asm-generic/socket.h (x86_64)
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_LINGER = 13;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    // linux/net.h, bits/socket_type.h
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    // linux/socket.h: msg flags
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_CTRUNC = 0x8;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_EOR = 0x80;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int MSG_NOTIFICATION = 0x8000; // linux/sctp.h: same bit as MSG_MORE, receive side only
    // sys/socket.h: shutdown(2)
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    // linux/sctp.h: SOL_SCTP is IPPROTO_SCTP
    public static final int SOL_SCTP = 132;
    // linux/sctp.h: socket options
    public static final int SCTP_RTOINFO = 0;
    public static final int SCTP_ASSOCINFO = 1;
    public static final int SCTP_INITMSG = 2;
    public static final int SCTP_NODELAY = 3;
    public static final int SCTP_AUTOCLOSE = 4;
    public static final int SCTP_SET_PEER_PRIMARY_ADDR = 5;
    public static final int SCTP_PRIMARY_ADDR = 6;
    public static final int SCTP_ADAPTATION_LAYER = 7;
    public static final int SCTP_DISABLE_FRAGMENTS = 8;
    public static final int SCTP_PEER_ADDR_PARAMS = 9;
    public static final int SCTP_EVENTS = 11;
    public static final int SCTP_I_WANT_MAPPED_V4_ADDR = 12;
    public static final int SCTP_MAXSEG = 13;
    public static final int SCTP_STATUS = 14;
    public static final int SCTP_GET_PEER_ADDR_INFO = 15;
    public static final int SCTP_DELAYED_SACK = 16;
    public static final int SCTP_CONTEXT = 17;
    public static final int SCTP_FRAGMENT_INTERLEAVE = 18;
    public static final int SCTP_PARTIAL_DELIVERY_POINT = 19;
    public static final int SCTP_MAX_BURST = 20;
    public static final int SCTP_RECVRCVINFO = 32;
    public static final int SCTP_RECVNXTINFO = 33;
    public static final int SCTP_DEFAULT_SNDINFO = 34;
    public static final int SCTP_REUSE_PORT = 36;
    public static final int SCTP_SOCKOPT_BINDX_ADD = 100;
    public static final int SCTP_SOCKOPT_BINDX_REM = 101;
    public static final int SCTP_GET_PEER_ADDRS = 108;
    public static final int SCTP_GET_LOCAL_ADDRS = 109;
    public static final int SCTP_SOCKOPT_CONNECTX = 110;
    public static final int SCTP_SOCKOPT_CONNECTX3 = 111;
    public static final int SCTP_GET_ASSOC_STATS = 112;
    public static final int SCTP_PR_SUPPORTED = 113;
    public static final int SCTP_DEFAULT_PRINFO = 114;
    public static final int SCTP_EVENT = 127;

    // linux/sctp.h: enum sctp_cmsg_type
    public static final int SCTP_INIT = 0;
    public static final int SCTP_SNDRCV = 1;
    public static final int SCTP_SNDINFO = 2;
    public static final int SCTP_RCVINFO = 3;
    public static final int SCTP_NXTINFO = 4;
    public static final int SCTP_PRINFO = 5;
    public static final int SCTP_AUTHINFO = 6;
    public static final int SCTP_DSTADDRV4 = 7;
    public static final int SCTP_DSTADDRV6 = 8;

    // linux/sctp.h: enum sctp_sinfo_flags
    public static final int SCTP_UNORDERED = 0x1;
    public static final int SCTP_ADDR_OVER = 0x2;
    public static final int SCTP_ABORT = 0x4;
    public static final int SCTP_SACK_IMMEDIATELY = 0x8;
    public static final int SCTP_SENDALL = 0x40;
    public static final int SCTP_EOF = 0x200; // MSG_FIN
    // linux/sctp.h: PR-SCTP policies (Linux values, not RFC 6458's 1/2/3)
    public static final int SCTP_PR_SCTP_NONE = 0x0000;
    public static final int SCTP_PR_SCTP_TTL = 0x0010;
    public static final int SCTP_PR_SCTP_RTX = 0x0020;
    public static final int SCTP_PR_SCTP_PRIO = 0x0030;

    // x86_64 layouts (gcc sizeof/offsetof; ../shared/reference/layouts_compact.txt)
    public static final int MSGHDR_SIZE = 56;
    public static final int MSGHDR_NAME = 0;
    public static final int MSGHDR_NAMELEN = 8;
    public static final int MSGHDR_IOV = 16;
    public static final int MSGHDR_IOVLEN = 24;
    public static final int MSGHDR_CONTROL = 32;
    public static final int MSGHDR_CONTROLLEN = 40;
    public static final int MSGHDR_FLAGS = 48;
    public static final int IOVEC_SIZE = 16;
    public static final int CMSGHDR_SIZE = 16; // cmsg_len u64 @0, cmsg_level @8, cmsg_type @12
    public static final int SCTP_SNDINFO_SIZE = 16;
    public static final int SCTP_RCVINFO_SIZE = 28;
    public static final int SCTP_NXTINFO_SIZE = 16;
    public static final int SCTP_PRINFO_SIZE = 8;
    public static final int SCTP_INITMSG_SIZE = 8;
    public static final int SCTP_EVENT_SIZE = 8;

    /** CMSG_ALIGN for x86_64: 8 bytes. */
    public static int cmsgAlign(int len) {
        return (len + 7) & ~7;
    }

    /** CMSG_SPACE(len). */
    public static int cmsgSpace(int len) {
        return CMSGHDR_SIZE + cmsgAlign(len);
    }

    /** CMSG_LEN(len): the kernel requires cmsg_len to equal it exactly for SCTP cmsgs. */
    public static int cmsgLen(int len) {
        return CMSGHDR_SIZE + len;
    }
}
