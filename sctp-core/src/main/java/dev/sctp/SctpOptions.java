package dev.sctp;

import java.net.InetSocketAddress;

/**
 * The socket options an SCTP socket supports, for {@link SctpSocket#setOption} and {@link SctpSocket#getOption}.
 *
 * <p>Options that shape the association (INITMSG, buffers, REUSE_PORT) must be set before bind or connect.
 */
public final class SctpOptions {

    private SctpOptions() {
    }

    /** {@code SCTP_NODELAY}: send at once instead of bundling small messages (Nagle). On by default here. */
    public static final SctpOption<Boolean> NODELAY = new SctpOption<>("SCTP_NODELAY", Boolean.class);

    /** {@code SCTP_INITMSG}: streams and INIT retries of associations this socket sets up. */
    public static final SctpOption<InitOptions> INIT_MSG = new SctpOption<>("SCTP_INITMSG", InitOptions.class);

    /** {@code SCTP_DISABLE_FRAGMENTS}: fail messages larger than the path MTU instead of fragmenting them. */
    public static final SctpOption<Boolean> DISABLE_FRAGMENTS =
            new SctpOption<>("SCTP_DISABLE_FRAGMENTS", Boolean.class);

    /**
     * {@code SCTP_REUSE_PORT}: let several one-to-one sockets bind the same port (RFC 6458 section 8.1.27); set
     * before bind, else Linux answers EFAULT. Linux shares the port only among sockets that all set it and none of
     * which listens, so it serves clients that connect from one local port, not several listeners.
     */
    public static final SctpOption<Boolean> REUSE_PORT = new SctpOption<>("SCTP_REUSE_PORT", Boolean.class);

    /** {@code SO_REUSEADDR}: bind a port that associations in shutdown still hold. On for listeners. */
    public static final SctpOption<Boolean> SO_REUSEADDR = new SctpOption<>("SO_REUSEADDR", Boolean.class);

    /**
     * {@code SO_SNDBUF}, in bytes. Set tries {@code SO_SNDBUFFORCE} first (which may exceed
     * {@code net.core.wmem_max} with CAP_NET_ADMIN) and falls back to {@code SO_SNDBUF}. Get returns what the
     * kernel uses, which is twice the request on Linux.
     */
    public static final SctpOption<Integer> SO_SNDBUF = new SctpOption<>("SO_SNDBUF", Integer.class);

    /**
     * {@code SO_RCVBUF}, in bytes; set tries {@code SO_RCVBUFFORCE} first, like {@link #SO_SNDBUF}. The value set is
     * the receive window a new association advertises (Linux doubles it for memory and offers half as window); set
     * it on a listener before accepting, or on a socket before connecting. For a reader that may fall behind its
     * peer, see {@link #SLOW_READER_RCVBUF}.
     */
    public static final SctpOption<Integer> SO_RCVBUF = new SctpOption<>("SO_RCVBUF", Integer.class);

    /**
     * An {@link #SO_RCVBUF} for a reader that may fall behind a fast peer: 512 KiB, eight times the largest path MTU
     * Linux uses (64 KiB, on loopback). The library's policy for slow readers is back-pressure through the window,
     * and this size makes Linux's window do that without retransmission timeouts at the peer.
     *
     * <p>Why (Linux 6.1, net/sctp): a reader that falls behind lets the window close. A Linux sender with nothing in
     * flight then sends one DATA chunk as a zero-window probe, and the receiver drops it because its window is 0
     * (sctp_eat_data; RFC 4960 section 6.2 requires it). The chunk is retransmitted by fast retransmit once three SACKs
     * report it missing, else only when the sender's timer expires after RTO.min (1 s by default). Those SACKs come as
     * the reader frees window: Linux announces freed window only in steps of max(SO_RCVBUF / 8, path MTU), and data
     * after the dropped probe on an ordered stream cannot be read until it is retransmitted. With the default buffer
     * (212,992 bytes, a 104 KiB window) on loopback, one step of 64 KiB leaves too little to read for three SACKs, so
     * every dropped probe cost a timeout: with a C sender and a reader that pauses 2 ms every 25 messages of 1 KiB, 12
     * to 15 timeouts per 6,000 messages (SctpT3RtxExpireds in /proc/net/sctp/snmp). With a window of eight steps the
     * probes are fast-retransmitted and no timeout remained ({@code SlowReaderTest}). A timeout can remain when fewer
     * than three packets follow a dropped probe, at the end of a burst, as nothing more reports it missing.
     *
     * <p>Memory: the kernel charges about 256 bytes per queued message besides its payload and limits memory at
     * twice the value set, so messages under about 256 bytes can fill memory before the window closes, and Linux
     * then drops them too; size the buffer for those by payload plus 256 bytes per message. Without CAP_NET_ADMIN
     * the kernel caps the value at {@code net.core.rmem_max} (212,992 by default), which gives only half this window.
     */
    public static final int SLOW_READER_RCVBUF = 8 * 65_536;

    /**
     * {@code SO_LINGER}, in seconds; negative turns lingering off. 0 makes close abort the association (ABORT
     * instead of SHUTDOWN); a positive value makes {@link SctpSocket#close()} wait up to that long for SHUTDOWN to
     * complete. That wait is parked in Java, not in the kernel's close(2) as a plain socket would, so it is safe on
     * virtual threads; listeners pass the time on to the associations they accept.
     */
    public static final SctpOption<Integer> SO_LINGER = new SctpOption<>("SO_LINGER", Integer.class);

    /**
     * {@code SCTP_RTOINFO}: the retransmission timeout's initial value and bounds (RFC 6458 section 8.1.1). On a
     * listener or unconnected socket it applies to future associations, on a connected one to its association.
     */
    public static final SctpOption<RtoInfo> RTO_INFO = new SctpOption<>("SCTP_RTOINFO", RtoInfo.class);

    /**
     * {@code SCTP_ASSOCINFO}: maximum retransmissions and cookie life, plus read-only peer count and windows (RFC
     * 6458 section 8.1.2). Set writes only the two settable fields; see {@link AssociationParameters}.
     */
    public static final SctpOption<AssociationParameters> ASSOC_INFO =
            new SctpOption<>("SCTP_ASSOCINFO", AssociationParameters.class);

    /**
     * {@code SCTP_PEER_ADDR_PARAMS}: heartbeat, path retransmissions, path MTU and SACK delay (RFC 6458 section
     * 8.1.12). Get through this option reads the association-wide (or, unconnected, the socket's) values; set
     * applies to the value's {@link PeerAddressParameters#address()}, or to every path when it is null. For one
     * path's values use {@link SctpSocket#getPeerAddressParameters}.
     */
    public static final SctpOption<PeerAddressParameters> PEER_ADDR_PARAMS =
            new SctpOption<>("SCTP_PEER_ADDR_PARAMS", PeerAddressParameters.class);

    /** {@code SCTP_DELAYED_SACK}: delay and packet count of delayed acknowledgement (RFC 6458 section 8.1.19). */
    public static final SctpOption<DelayedSack> DELAYED_SACK =
            new SctpOption<>("SCTP_DELAYED_SACK", DelayedSack.class);

    /**
     * {@code SCTP_MAXSEG}: the largest DATA chunk payload in bytes; larger messages are fragmented (RFC 6458
     * section 8.1.16). 0 follows the path MTU. On a connected socket get reports the fragmentation point in use.
     * The kernel accepts 0, or a size from about 500 bytes (the 512-byte minimum MTU less headers) up to 65519.
     */
    public static final SctpOption<Integer> MAXSEG = new SctpOption<>("SCTP_MAXSEG", Integer.class);

    /**
     * {@code SCTP_ADAPTATION_LAYER}: the 32-bit adaptation-layer indication sent in INIT and INIT-ACK (RFC 6458
     * section 8.1.10; RFC 5061 section 4.2.6); the peer receives it as an adaptation notification. Set before
     * connect or listen.
     */
    public static final SctpOption<Integer> ADAPTATION_LAYER =
            new SctpOption<>("SCTP_ADAPTATION_LAYER", Integer.class);

    /**
     * {@code SCTP_FRAGMENT_INTERLEAVE}: the RFC 6458 section 8.1.20 level, 0..2 (default 0). Linux stores only
     * "off" or "on", so 2 reads back as 1; interleaving across streams of one association needs I-DATA as well.
     */
    public static final SctpOption<Integer> FRAGMENT_INTERLEAVE =
            new SctpOption<>("SCTP_FRAGMENT_INTERLEAVE", Integer.class);

    /**
     * {@code SCTP_INTERLEAVING_SUPPORTED}: offer I-DATA chunks (RFC 8260) in INIT, so the messages of different
     * streams may be sent and delivered in interleaved parts. Linux refuses it (EPERM) unless the sysctl
     * {@code net.sctp.intl_enable} is 1 and {@link #FRAGMENT_INTERLEAVE} was set first (turning that off turns this
     * off too); both ends must offer it. Set before connect or listen. On a connected socket get reports whether
     * the association uses I-DATA.
     */
    public static final SctpOption<Boolean> INTERLEAVING_SUPPORTED =
            new SctpOption<>("SCTP_INTERLEAVING_SUPPORTED", Boolean.class);

    /**
     * {@code SCTP_PARTIAL_DELIVERY_POINT}: messages larger than this many bytes may be delivered in parts before
     * they are complete (RFC 6458 section 8.1.21). Linux refuses more than half of {@link #SO_RCVBUF} as get
     * reports it (net/sctp/socket.c), so raise the buffer first.
     */
    public static final SctpOption<Integer> PARTIAL_DELIVERY_POINT =
            new SctpOption<>("SCTP_PARTIAL_DELIVERY_POINT", Integer.class);

    /**
     * {@code SCTP_PR_SUPPORTED}: offer partial reliability (PR-SCTP, RFC 3758) in INIT (RFC 7496 section 4.5).
     * Default from {@code net.sctp.prsctp_enable}, normally on. On a connected socket get reports whether the peer
     * supports it.
     */
    public static final SctpOption<Boolean> PR_SUPPORTED = new SctpOption<>("SCTP_PR_SUPPORTED", Boolean.class);

    /**
     * {@code SCTP_DEFAULT_SNDINFO}: stream, PPID (host byte order), unordered flag and context of messages sent
     * without their own send info (RFC 6458 section 8.1.31). Only those fields are used: a {@link SendInfo} with a
     * PR-SCTP policy, peer address, SACK_IMMEDIATELY or EOF is refused (set a default policy with
     * {@link #DEFAULT_PRINFO}).
     */
    public static final SctpOption<SendInfo> DEFAULT_SNDINFO =
            new SctpOption<>("SCTP_DEFAULT_SNDINFO", SendInfo.class);

    /** {@code SCTP_DEFAULT_PRINFO}: the default partial-reliability policy (RFC 6458 section 8.1.32). */
    public static final SctpOption<PrInfo> DEFAULT_PRINFO = new SctpOption<>("SCTP_DEFAULT_PRINFO", PrInfo.class);

    /**
     * {@code SCTP_PRIMARY_ADDR}: the peer address this side sends to by default (RFC 6458 section 8.1.9); it must
     * be one of the peer's addresses (see {@link SctpSocket#remoteAddress()}). Needs an association.
     */
    public static final SctpOption<InetSocketAddress> PRIMARY_ADDR =
            new SctpOption<>("SCTP_PRIMARY_ADDR", InetSocketAddress.class);

    /**
     * {@code SCTP_AUTO_ASCONF}: announce local addresses that appear or vanish to the peer with ASCONF (RFC 6458
     * section 8.1.23; RFC 5061). Linux allows turning it on only for sockets bound to the wildcard address, and
     * the peer must support ASCONF (sysctl {@code net.sctp.addip_enable}).
     */
    public static final SctpOption<Boolean> AUTO_ASCONF = new SctpOption<>("SCTP_AUTO_ASCONF", Boolean.class);

    /**
     * {@code SCTP_MAX_BURST}: the most packets sent at once on one path (RFC 6458 section 8.1.24; RFC 4960
     * section 6.1); default {@code net.sctp.max_burst}, 4. 0 removes the limit.
     */
    public static final SctpOption<Integer> MAX_BURST = new SctpOption<>("SCTP_MAX_BURST", Integer.class);

    // ---- RFC 6525 reconfiguration and SCTP-AUTH (RFC 4895) ------------------------------------------------------

    /**
     * {@code SCTP_RECONFIG_SUPPORTED}: offer RFC 6525 stream reconfiguration in INIT (RFC 6525 section 6.3.2). Both
     * ends must offer it for {@link SctpSocket#resetOutgoingStreams}, {@link SctpSocket#resetAssociation} and
     * {@link SctpSocket#addStreams} to work; the default comes from the sysctl {@code net.sctp.reconf_enable}
     * (normally 0, off). Set before connect or listen. On a connected socket get reports whether the association
     * negotiated it.
     */
    public static final SctpOption<Boolean> RECONFIG_SUPPORTED =
            new SctpOption<>("SCTP_RECONFIG_SUPPORTED", Boolean.class);

    /**
     * {@code SCTP_ENABLE_STREAM_RESET}: which reconfiguration requests this side may send and accepts from the peer
     * (RFC 6525 section 6.3.1); none by default. On a listener or unconnected socket it applies to future
     * associations, on a connected one to its association. A request of a kind the peer has not enabled comes back
     * as a notification with the DENIED flag.
     */
    public static final SctpOption<ReconfigurationRequests> ENABLE_STREAM_RESET =
            new SctpOption<>("SCTP_ENABLE_STREAM_RESET", ReconfigurationRequests.class);

    /**
     * {@code SCTP_AUTH_SUPPORTED}: offer SCTP-AUTH (RFC 4895) in INIT (RFC 6458 section 8.1.20). The default comes
     * from the sysctl {@code net.sctp.auth_enable} (normally 0, off). Set before connect or listen. On a connected
     * socket get reports whether the association negotiated it; an association that did not gives an
     * {@code AUTHENTICATION_EVENT} with {@code NO_AUTH} to subscribers when it comes up.
     */
    public static final SctpOption<Boolean> AUTH_SUPPORTED = new SctpOption<>("SCTP_AUTH_SUPPORTED", Boolean.class);

    /**
     * {@code SCTP_AUTH_CHUNK}: a chunk type the peer must authenticate when it sends it to this side (RFC 6458
     * section 8.1.18), such as 0 for DATA; each set adds one type. Needs {@link #AUTH_SUPPORTED} (EACCES otherwise)
     * and is sent in INIT, so set it before connect or listen. Set only: Linux has no getter for it.
     */
    public static final SctpOption<Integer> AUTH_CHUNK = new SctpOption<>("SCTP_AUTH_CHUNK", Integer.class);

    /**
     * {@code SCTP_AUTH_ACTIVE_KEY}: the number of the shared key used to authenticate chunks this side sends (RFC 6458
     * section 8.1.22); key 0 (the empty key) until changed. The key must be set first with
     * {@link SctpSocket#setAuthKey}.
     */
    public static final SctpOption<Integer> AUTH_ACTIVE_KEY = new SctpOption<>("SCTP_AUTH_ACTIVE_KEY", Integer.class);
}
