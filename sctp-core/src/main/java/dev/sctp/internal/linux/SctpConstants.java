package dev.sctp.internal.linux;

/**
 * Socket-layer and SCTP constants for Linux x86_64, each with the header it comes from.
 *
 * <p>Internal usage only. {@code LayoutTest} compiles a C probe against {@code <linux/sctp.h>} and the x86_64 socket
 * headers and requires every constant here to equal the header's value, so a wrong number fails a test.
 */
public final class SctpConstants {

    private SctpConstants() {
    }

    // linux/in.h
    /** {@code IPPROTO_SCTP} (linux/in.h). */
    public static final int IPPROTO_SCTP = 132;
    /** {@code IPPROTO_IPV6} (linux/in.h). */
    public static final int IPPROTO_IPV6 = 41;
    // linux/in6.h
    /** {@code IPV6_V6ONLY} (linux/in6.h). */
    public static final int IPV6_V6ONLY = 26;
    // asm-generic/socket.h (x86_64)
    /** {@code SOL_SOCKET} (asm-generic/socket.h (x86_64)). */
    public static final int SOL_SOCKET = 1;
    /** {@code SO_REUSEADDR} (asm-generic/socket.h (x86_64)). */
    public static final int SO_REUSEADDR = 2;
    /** {@code SO_ERROR} (asm-generic/socket.h (x86_64)). */
    public static final int SO_ERROR = 4;
    /** {@code SO_SNDBUF} (asm-generic/socket.h (x86_64)). */
    public static final int SO_SNDBUF = 7;
    /** {@code SO_RCVBUF} (asm-generic/socket.h (x86_64)). */
    public static final int SO_RCVBUF = 8;
    /** {@code SO_LINGER} (asm-generic/socket.h (x86_64)). */
    public static final int SO_LINGER = 13;
    /** {@code SO_SNDBUFFORCE} (asm-generic/socket.h (x86_64)). */
    public static final int SO_SNDBUFFORCE = 32;
    /** {@code SO_RCVBUFFORCE} (asm-generic/socket.h (x86_64)). */
    public static final int SO_RCVBUFFORCE = 33;
    // linux/net.h, bits/socket_type.h
    /** {@code SOCK_STREAM} (linux/net.h, bits/socket_type.h). */
    public static final int SOCK_STREAM = 1;
    /** {@code SOCK_SEQPACKET} (linux/net.h, bits/socket_type.h). */
    public static final int SOCK_SEQPACKET = 5;
    /** {@code SOCK_NONBLOCK} (linux/net.h, bits/socket_type.h). */
    public static final int SOCK_NONBLOCK = 0x800;
    /** {@code SOCK_CLOEXEC} (linux/net.h, bits/socket_type.h). */
    public static final int SOCK_CLOEXEC = 0x80000;
    // linux/socket.h: msg flags
    /** {@code MSG_PEEK} (linux/socket.h: msg flags). */
    public static final int MSG_PEEK = 0x2;
    /** {@code MSG_CTRUNC} (linux/socket.h: msg flags). */
    public static final int MSG_CTRUNC = 0x8;
    /** {@code MSG_TRUNC} (linux/socket.h: msg flags). */
    public static final int MSG_TRUNC = 0x20;
    /** {@code MSG_DONTWAIT} (linux/socket.h: msg flags). */
    public static final int MSG_DONTWAIT = 0x40;
    /** {@code MSG_EOR} (linux/socket.h: msg flags). */
    public static final int MSG_EOR = 0x80;
    /** {@code MSG_NOSIGNAL} (linux/socket.h: msg flags). */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** {@code MSG_NOTIFICATION} (linux/socket.h: msg flags). linux/sctp.h: same bit as MSG_MORE, receive side only */
    public static final int MSG_NOTIFICATION = 0x8000; // linux/sctp.h: same bit as MSG_MORE, receive side only
    // sys/socket.h: shutdown(2)
    /** {@code SHUT_RD} (sys/socket.h: shutdown(2)). */
    public static final int SHUT_RD = 0;
    /** {@code SHUT_WR} (sys/socket.h: shutdown(2)). */
    public static final int SHUT_WR = 1;
    /** {@code SHUT_RDWR} (sys/socket.h: shutdown(2)). */
    public static final int SHUT_RDWR = 2;

    // linux/sctp.h: SOL_SCTP is IPPROTO_SCTP
    /** {@code SOL_SCTP} (linux/sctp.h: SOL_SCTP is IPPROTO_SCTP). */
    public static final int SOL_SCTP = 132;
    // linux/sctp.h: socket options
    /** {@code SCTP_RTOINFO} (linux/sctp.h: socket options). */
    public static final int SCTP_RTOINFO = 0;
    /** {@code SCTP_ASSOCINFO} (linux/sctp.h: socket options). */
    public static final int SCTP_ASSOCINFO = 1;
    /** {@code SCTP_INITMSG} (linux/sctp.h: socket options). */
    public static final int SCTP_INITMSG = 2;
    /** {@code SCTP_NODELAY} (linux/sctp.h: socket options). */
    public static final int SCTP_NODELAY = 3;
    /** {@code SCTP_AUTOCLOSE} (linux/sctp.h: socket options). */
    public static final int SCTP_AUTOCLOSE = 4;
    /** {@code SCTP_SET_PEER_PRIMARY_ADDR} (linux/sctp.h: socket options). */
    public static final int SCTP_SET_PEER_PRIMARY_ADDR = 5;
    /** {@code SCTP_PRIMARY_ADDR} (linux/sctp.h: socket options). */
    public static final int SCTP_PRIMARY_ADDR = 6;
    /** {@code SCTP_ADAPTATION_LAYER} (linux/sctp.h: socket options). */
    public static final int SCTP_ADAPTATION_LAYER = 7;
    /** {@code SCTP_DISABLE_FRAGMENTS} (linux/sctp.h: socket options). */
    public static final int SCTP_DISABLE_FRAGMENTS = 8;
    /** {@code SCTP_PEER_ADDR_PARAMS} (linux/sctp.h: socket options). */
    public static final int SCTP_PEER_ADDR_PARAMS = 9;
    /** {@code SCTP_EVENTS} (linux/sctp.h: socket options). */
    public static final int SCTP_EVENTS = 11;
    /** {@code SCTP_I_WANT_MAPPED_V4_ADDR} (linux/sctp.h: socket options). */
    public static final int SCTP_I_WANT_MAPPED_V4_ADDR = 12;
    /** {@code SCTP_MAXSEG} (linux/sctp.h: socket options). */
    public static final int SCTP_MAXSEG = 13;
    /** {@code SCTP_STATUS} (linux/sctp.h: socket options). */
    public static final int SCTP_STATUS = 14;
    /** {@code SCTP_GET_PEER_ADDR_INFO} (linux/sctp.h: socket options). */
    public static final int SCTP_GET_PEER_ADDR_INFO = 15;
    /** {@code SCTP_DELAYED_SACK} (linux/sctp.h: socket options). */
    public static final int SCTP_DELAYED_SACK = 16;
    /** {@code SCTP_CONTEXT} (linux/sctp.h: socket options). */
    public static final int SCTP_CONTEXT = 17;
    /** {@code SCTP_FRAGMENT_INTERLEAVE} (linux/sctp.h: socket options). */
    public static final int SCTP_FRAGMENT_INTERLEAVE = 18;
    /** {@code SCTP_PARTIAL_DELIVERY_POINT} (linux/sctp.h: socket options). */
    public static final int SCTP_PARTIAL_DELIVERY_POINT = 19;
    /** {@code SCTP_MAX_BURST} (linux/sctp.h: socket options). */
    public static final int SCTP_MAX_BURST = 20;
    /** {@code SCTP_RECVRCVINFO} (linux/sctp.h: socket options). */
    public static final int SCTP_RECVRCVINFO = 32;
    /** {@code SCTP_RECVNXTINFO} (linux/sctp.h: socket options). */
    public static final int SCTP_RECVNXTINFO = 33;
    /** {@code SCTP_DEFAULT_SNDINFO} (linux/sctp.h: socket options). */
    public static final int SCTP_DEFAULT_SNDINFO = 34;
    /** {@code SCTP_REUSE_PORT} (linux/sctp.h: socket options). */
    public static final int SCTP_REUSE_PORT = 36;
    /** {@code SCTP_SOCKOPT_BINDX_ADD} (linux/sctp.h: socket options). */
    public static final int SCTP_SOCKOPT_BINDX_ADD = 100;
    /** {@code SCTP_SOCKOPT_BINDX_REM} (linux/sctp.h: socket options). */
    public static final int SCTP_SOCKOPT_BINDX_REM = 101;
    /** {@code SCTP_GET_PEER_ADDRS} (linux/sctp.h: socket options). */
    public static final int SCTP_GET_PEER_ADDRS = 108;
    /** {@code SCTP_GET_LOCAL_ADDRS} (linux/sctp.h: socket options). */
    public static final int SCTP_GET_LOCAL_ADDRS = 109;
    /** {@code SCTP_SOCKOPT_CONNECTX} (linux/sctp.h: socket options). */
    public static final int SCTP_SOCKOPT_CONNECTX = 110;
    /** {@code SCTP_SOCKOPT_CONNECTX3} (linux/sctp.h: socket options). */
    public static final int SCTP_SOCKOPT_CONNECTX3 = 111;
    /** {@code SCTP_GET_ASSOC_STATS} (linux/sctp.h: socket options). */
    public static final int SCTP_GET_ASSOC_STATS = 112;
    /** {@code SCTP_PR_SUPPORTED} (linux/sctp.h: socket options). */
    public static final int SCTP_PR_SUPPORTED = 113;
    /** {@code SCTP_DEFAULT_PRINFO} (linux/sctp.h: socket options). */
    public static final int SCTP_DEFAULT_PRINFO = 114;
    /** {@code SCTP_EVENT} (linux/sctp.h: socket options). */
    public static final int SCTP_EVENT = 127;

    // linux/sctp.h: enum sctp_cmsg_type
    /** {@code SCTP_INIT} (linux/sctp.h: enum sctp_cmsg_type). */
    public static final int SCTP_INIT = 0;
    /** {@code SCTP_SNDRCV} (linux/sctp.h: enum sctp_cmsg_type). */
    public static final int SCTP_SNDRCV = 1;
    /** {@code SCTP_SNDINFO} (linux/sctp.h: enum sctp_cmsg_type). */
    public static final int SCTP_SNDINFO = 2;
    /** {@code SCTP_RCVINFO} (linux/sctp.h: enum sctp_cmsg_type). */
    public static final int SCTP_RCVINFO = 3;
    /** {@code SCTP_NXTINFO} (linux/sctp.h: enum sctp_cmsg_type). */
    public static final int SCTP_NXTINFO = 4;
    /** {@code SCTP_PRINFO} (linux/sctp.h: enum sctp_cmsg_type). */
    public static final int SCTP_PRINFO = 5;
    /** {@code SCTP_AUTHINFO} (linux/sctp.h: enum sctp_cmsg_type). */
    public static final int SCTP_AUTHINFO = 6;
    /** {@code SCTP_DSTADDRV4} (linux/sctp.h: enum sctp_cmsg_type). */
    public static final int SCTP_DSTADDRV4 = 7;
    /** {@code SCTP_DSTADDRV6} (linux/sctp.h: enum sctp_cmsg_type). */
    public static final int SCTP_DSTADDRV6 = 8;

    // linux/sctp.h: enum sctp_sinfo_flags
    /** {@code SCTP_UNORDERED} (linux/sctp.h: enum sctp_sinfo_flags). */
    public static final int SCTP_UNORDERED = 0x1;
    /** {@code SCTP_ADDR_OVER} (linux/sctp.h: enum sctp_sinfo_flags). */
    public static final int SCTP_ADDR_OVER = 0x2;
    /** {@code SCTP_ABORT} (linux/sctp.h: enum sctp_sinfo_flags). */
    public static final int SCTP_ABORT = 0x4;
    /** {@code SCTP_SACK_IMMEDIATELY} (linux/sctp.h: enum sctp_sinfo_flags). */
    public static final int SCTP_SACK_IMMEDIATELY = 0x8;
    /** {@code SCTP_SENDALL} (linux/sctp.h: enum sctp_sinfo_flags). */
    public static final int SCTP_SENDALL = 0x40;
    /** {@code SCTP_EOF} (linux/sctp.h: enum sctp_sinfo_flags). MSG_FIN */
    public static final int SCTP_EOF = 0x200; // MSG_FIN
    // linux/sctp.h: PR-SCTP policies (Linux values, not RFC 6458's 1/2/3)
    /** {@code SCTP_PR_SCTP_NONE} (linux/sctp.h: PR-SCTP policies (Linux values, not RFC 6458's 1/2/3)). */
    public static final int SCTP_PR_SCTP_NONE = 0x0000;
    /** {@code SCTP_PR_SCTP_TTL} (linux/sctp.h: PR-SCTP policies (Linux values, not RFC 6458's 1/2/3)). */
    public static final int SCTP_PR_SCTP_TTL = 0x0010;
    /** {@code SCTP_PR_SCTP_RTX} (linux/sctp.h: PR-SCTP policies (Linux values, not RFC 6458's 1/2/3)). */
    public static final int SCTP_PR_SCTP_RTX = 0x0020;
    /** {@code SCTP_PR_SCTP_PRIO} (linux/sctp.h: PR-SCTP policies (Linux values, not RFC 6458's 1/2/3)). */
    public static final int SCTP_PR_SCTP_PRIO = 0x0030;

    // x86_64 layouts (gcc sizeof/offsetof; ../shared/reference/layouts_compact.txt)
    /** {@code MSGHDR_SIZE} (x86_64 struct msghdr). */
    public static final int MSGHDR_SIZE = 56;
    /** {@code MSGHDR_NAME} (x86_64 struct msghdr). */
    public static final int MSGHDR_NAME = 0;
    /** {@code MSGHDR_NAMELEN} (x86_64 struct msghdr). */
    public static final int MSGHDR_NAMELEN = 8;
    /** {@code MSGHDR_IOV} (x86_64 struct msghdr). */
    public static final int MSGHDR_IOV = 16;
    /** {@code MSGHDR_IOVLEN} (x86_64 struct msghdr). */
    public static final int MSGHDR_IOVLEN = 24;
    /** {@code MSGHDR_CONTROL} (x86_64 struct msghdr). */
    public static final int MSGHDR_CONTROL = 32;
    /** {@code MSGHDR_CONTROLLEN} (x86_64 struct msghdr). */
    public static final int MSGHDR_CONTROLLEN = 40;
    /** {@code MSGHDR_FLAGS} (x86_64 struct msghdr). */
    public static final int MSGHDR_FLAGS = 48;
    /** {@code sizeof(struct mmsghdr)}: a msghdr and the {@code msg_len} the kernel fills (sendmmsg, recvmmsg). */
    public static final int MMSGHDR_SIZE = 64;
    /** {@code offsetof(struct mmsghdr, msg_len)}: the bytes sent or received for that message. */
    public static final int MMSGHDR_MSG_LEN = 56;

    // x86_64 struct iovec
    /** {@code sizeof(struct iovec)}. */
    public static final int IOVEC_SIZE = 16;
    /** {@code offsetof(struct iovec, iov_base)}. */
    public static final int IOVEC_BASE = 0;
    /** {@code offsetof(struct iovec, iov_len)}. */
    public static final int IOVEC_LEN = 8;

    // x86_64 struct cmsghdr: cmsg_len is a size_t, so the header is 16 bytes and data is 8-aligned.
    /** {@code sizeof(struct cmsghdr)}. */
    public static final int CMSGHDR_SIZE = 16;
    /** {@code offsetof(struct cmsghdr, cmsg_len)}, a size_t. */
    public static final int CMSGHDR_LEN = 0;
    /** {@code offsetof(struct cmsghdr, cmsg_level)}. */
    public static final int CMSGHDR_LEVEL = 8;
    /** {@code offsetof(struct cmsghdr, cmsg_type)}. */
    public static final int CMSGHDR_TYPE = 12;
    /** {@code CMSG_LEN(0)}: where a cmsg's data starts, relative to its header. */
    public static final int CMSG_DATA_OFFSET = 16;
    /** {@code CMSG_ALIGN(1)}: the alignment of cmsg headers and data lengths. */
    public static final int CMSG_ALIGNMENT = 8;

    // linux/sctp.h: struct sctp_sndinfo (SCTP_SNDINFO cmsg, RFC 6458 section 5.3.4)
    /** {@code sizeof(struct sctp_sndinfo)}. */
    public static final int SCTP_SNDINFO_SIZE = 16;
    /** {@code offsetof(struct sctp_sndinfo, snd_sid)}, u16. */
    public static final int SNDINFO_SID = 0;
    /** {@code offsetof(struct sctp_sndinfo, snd_flags)}, u16. */
    public static final int SNDINFO_FLAGS = 2;
    /** {@code offsetof(struct sctp_sndinfo, snd_ppid)}, u32 in network byte order. */
    public static final int SNDINFO_PPID = 4;
    /** {@code offsetof(struct sctp_sndinfo, snd_context)}. */
    public static final int SNDINFO_CONTEXT = 8;
    /** {@code offsetof(struct sctp_sndinfo, snd_assoc_id)}. */
    public static final int SNDINFO_ASSOC_ID = 12;

    // linux/sctp.h: struct sctp_rcvinfo (SCTP_RCVINFO cmsg, RFC 6458 section 5.3.5)
    /** {@code sizeof(struct sctp_rcvinfo)}. */
    public static final int SCTP_RCVINFO_SIZE = 28;
    /** {@code offsetof(struct sctp_rcvinfo, rcv_sid)}, u16. */
    public static final int RCVINFO_SID = 0;
    /** {@code offsetof(struct sctp_rcvinfo, rcv_ssn)}, u16. */
    public static final int RCVINFO_SSN = 2;
    /** {@code offsetof(struct sctp_rcvinfo, rcv_flags)}, u16. */
    public static final int RCVINFO_FLAGS = 4;
    /** {@code offsetof(struct sctp_rcvinfo, rcv_ppid)}, u32 in network byte order. */
    public static final int RCVINFO_PPID = 8;
    /** {@code offsetof(struct sctp_rcvinfo, rcv_tsn)}. */
    public static final int RCVINFO_TSN = 12;
    /** {@code offsetof(struct sctp_rcvinfo, rcv_cumtsn)}. */
    public static final int RCVINFO_CUMTSN = 16;
    /** {@code offsetof(struct sctp_rcvinfo, rcv_context)}. */
    public static final int RCVINFO_CONTEXT = 20;
    /** {@code offsetof(struct sctp_rcvinfo, rcv_assoc_id)}. */
    public static final int RCVINFO_ASSOC_ID = 24;

    // linux/sctp.h: struct sctp_nxtinfo (SCTP_NXTINFO cmsg, RFC 6458 section 5.3.6)
    /** {@code sizeof(struct sctp_nxtinfo)}. */
    public static final int SCTP_NXTINFO_SIZE = 16;
    /** {@code offsetof(struct sctp_nxtinfo, nxt_sid)}, u16. */
    public static final int NXTINFO_SID = 0;
    /** {@code offsetof(struct sctp_nxtinfo, nxt_flags)}, u16. */
    public static final int NXTINFO_FLAGS = 2;
    /** {@code offsetof(struct sctp_nxtinfo, nxt_ppid)}, u32 in network byte order. */
    public static final int NXTINFO_PPID = 4;
    /** {@code offsetof(struct sctp_nxtinfo, nxt_length)}. */
    public static final int NXTINFO_LENGTH = 8;
    /** {@code offsetof(struct sctp_nxtinfo, nxt_assoc_id)}. */
    public static final int NXTINFO_ASSOC_ID = 12;

    // linux/sctp.h: struct sctp_prinfo (SCTP_PRINFO cmsg, RFC 6458 section 5.3.7)
    /** {@code sizeof(struct sctp_prinfo)}. */
    public static final int SCTP_PRINFO_SIZE = 8;
    /** {@code offsetof(struct sctp_prinfo, pr_policy)}, u16. */
    public static final int PRINFO_POLICY = 0;
    /** {@code offsetof(struct sctp_prinfo, pr_value)}, u32. */
    public static final int PRINFO_VALUE = 4;

    // linux/sctp.h: struct sctp_initmsg (SCTP_INITMSG option, RFC 6458 section 8.1.3)
    /** {@code sizeof(struct sctp_initmsg)}. */
    public static final int SCTP_INITMSG_SIZE = 8;

    /** {@code offsetof(struct sctp_initmsg, sinit_num_ostreams)}, u16. */
    public static final int INITMSG_NUM_OSTREAMS = 0;
    /** {@code offsetof(struct sctp_initmsg, sinit_max_instreams)}, u16. */
    public static final int INITMSG_MAX_INSTREAMS = 2;
    /** {@code offsetof(struct sctp_initmsg, sinit_max_attempts)}, u16. */
    public static final int INITMSG_MAX_ATTEMPTS = 4;
    /** {@code offsetof(struct sctp_initmsg, sinit_max_init_timeo)}, u16 milliseconds. */
    public static final int INITMSG_MAX_INIT_TIMEO = 6;

    // linux/sctp.h: struct sctp_getaddrs (SCTP_GET_PEER_ADDRS, SCTP_GET_LOCAL_ADDRS) and sctp_getaddrs_old (CONNECTX3)
    /** {@code offsetof(struct sctp_getaddrs, addr_num)}: how many addresses follow. */
    public static final int GETADDRS_ADDR_NUM = 4;
    /** {@code offsetof(struct sctp_getaddrs, addrs)}: the packed sockaddrs. */
    public static final int GETADDRS_ADDRS = 8;
    /** {@code sizeof(struct sctp_getaddrs_old)}. */
    public static final int GETADDRS_OLD_SIZE = 16;
    /** {@code offsetof(struct sctp_getaddrs_old, assoc_id)}: the association id CONNECTX3 returns. */
    public static final int GETADDRS_OLD_ASSOC_ID = 0;
    /** {@code offsetof(struct sctp_getaddrs_old, addr_num)}: for CONNECTX3, the bytes of packed addresses. */
    public static final int GETADDRS_OLD_ADDR_NUM = 4;
    /** {@code offsetof(struct sctp_getaddrs_old, addrs)}: a pointer to the packed addresses. */
    public static final int GETADDRS_OLD_ADDRS = 8;

    // sys/socket.h: struct linger (SO_LINGER)
    /** {@code sizeof(struct linger)}. */
    public static final int LINGER_SIZE = 8;
    /** {@code offsetof(struct linger, l_onoff)}. */
    public static final int LINGER_ONOFF = 0;
    /** {@code offsetof(struct linger, l_linger)}, seconds. */
    public static final int LINGER_LINGER = 4;

    // linux/sctp.h: struct sctp_event (SCTP_EVENT option, RFC 6458 section 6.2.2)
    /** {@code sizeof(struct sctp_event)}. */
    public static final int SCTP_EVENT_SIZE = 8;
    /** {@code offsetof(struct sctp_event, se_assoc_id)}. */
    public static final int EVENT_ASSOC_ID = 0;
    /** {@code offsetof(struct sctp_event, se_type)}, u16. */
    public static final int EVENT_TYPE = 4;
    /** {@code offsetof(struct sctp_event, se_on)}, u8. */
    public static final int EVENT_ON = 6;

    /** CMSG_ALIGN: rounds up to {@link #CMSG_ALIGNMENT}. */
    public static int cmsgAlign(int len) {
        return (len + CMSG_ALIGNMENT - 1) & -CMSG_ALIGNMENT;
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
