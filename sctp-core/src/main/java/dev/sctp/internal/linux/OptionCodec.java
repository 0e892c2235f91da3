package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.AssociationParameters;
import dev.sctp.DelayedSack;
import dev.sctp.InitOptions;
import dev.sctp.PeerAddressParameters;
import dev.sctp.PrInfo;
import dev.sctp.ReconfigurationRequests;
import dev.sctp.RtoInfo;
import dev.sctp.SctpException;
import dev.sctp.SctpOption;
import dev.sctp.SctpOptions;
import dev.sctp.SendInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Reads and writes the typed options of {@link SctpOptions} at their struct offsets. Simple int and
 * {@code sctp_assoc_value} options are handled here; the struct-valued ones in {@link AssociationOptionCodec} and
 * {@link PathOptionCodec}.
 *
 * <p>Internal usage only. Options are not on the message path; they may allocate.
 */
public final class OptionCodec {

    // linux/sctp.h struct sctp_assoc_value: assoc_id @0, assoc_value @4.
    static final int ASSOC_VALUE_SIZE = 8;
    static final int ASSOC_VALUE_VALUE = 4;
    // linux/sctp.h struct sctp_setadaptation: ssb_adaptation_ind @0 (RFC 6458 section 8.1.10).
    static final int SETADAPTATION_SIZE = 4;
    // linux/sctp.h: SCTP_AUTO_ASCONF (RFC 6458 section 8.1.23); not in SctpConstants.
    static final int SCTP_AUTO_ASCONF = 30;
    // linux/sctp.h: SCTP_INTERLEAVING_SUPPORTED (RFC 8260 section 4.3.1); not in SctpConstants.
    static final int SCTP_INTERLEAVING_SUPPORTED = 125;
    /**
     * The largest SCTP_MAXSEG: SCTP_MAX_CHUNK_LEN (65532, include/net/sctp/constants.h) less a DATA chunk header
     * (16), as net/sctp/socket.c computes it.
     */
    static final int MAXSEG_MAX = 65_516;

    private OptionCodec() {
    }

    /** Sets {@code option} to {@code value}. */
    public static <T> void set(LinuxSctpSocket socket, SctpOption<T> option, T value) throws IOException {
        if (value == null) {
            throw new IllegalArgumentException("option " + option + " needs a value, got null");
        }
        if (option == SctpOptions.NODELAY) {
            socket.setInt(SOL_SCTP, SCTP_NODELAY, "SCTP_NODELAY", bool(value));
        } else if (option == SctpOptions.DISABLE_FRAGMENTS) {
            socket.setInt(SOL_SCTP, SCTP_DISABLE_FRAGMENTS, "SCTP_DISABLE_FRAGMENTS", bool(value));
        } else if (option == SctpOptions.REUSE_PORT) {
            setReusePort(socket, bool(value));
        } else if (option == SctpOptions.SO_REUSEADDR) {
            socket.setInt(SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR", bool(value));
        } else if (option == SctpOptions.INIT_MSG) {
            setInitMsg(socket, (InitOptions) value);
        } else if (option == SctpOptions.SO_SNDBUF) {
            setBuffer(socket, SO_SNDBUFFORCE, SO_SNDBUF, "SO_SNDBUF", (Integer) value);
        } else if (option == SctpOptions.SO_RCVBUF) {
            setBuffer(socket, SO_RCVBUFFORCE, SO_RCVBUF, "SO_RCVBUF", (Integer) value);
        } else if (option == SctpOptions.SO_LINGER) {
            setLinger(socket, (Integer) value);
        } else if (option == SctpOptions.RTO_INFO) {
            AssociationOptionCodec.setRtoInfo(socket, (RtoInfo) value);
        } else if (option == SctpOptions.ASSOC_INFO) {
            AssociationOptionCodec.setAssociationParameters(socket, (AssociationParameters) value);
        } else if (option == SctpOptions.PEER_ADDR_PARAMS) {
            PathOptionCodec.set(socket, (PeerAddressParameters) value);
        } else if (option == SctpOptions.DELAYED_SACK) {
            AssociationOptionCodec.setDelayedSack(socket, (DelayedSack) value);
        } else if (option == SctpOptions.MAXSEG) {
            setMaxSeg(socket, (Integer) value);
        } else if (option == SctpOptions.ADAPTATION_LAYER) {
            setAdaptation(socket, (Integer) value);
        } else if (option == SctpOptions.FRAGMENT_INTERLEAVE) {
            int level = (Integer) value;
            if (level < 0 || level > 2) {
                throw new IllegalArgumentException("FRAGMENT_INTERLEAVE level " + level + " is outside 0..2"
                        + " (RFC 6458 section 8.1.20); use 0 (off), 1 or 2");
            }
            socket.setInt(SOL_SCTP, SCTP_FRAGMENT_INTERLEAVE, "SCTP_FRAGMENT_INTERLEAVE", level);
        } else if (option == SctpOptions.PARTIAL_DELIVERY_POINT) {
            setPartialDeliveryPoint(socket, (Integer) value);
        } else if (option == SctpOptions.PR_SUPPORTED) {
            setAssocValue(socket, SCTP_PR_SUPPORTED, "SCTP_PR_SUPPORTED", bool(value));
        } else if (option == SctpOptions.INTERLEAVING_SUPPORTED) {
            setInterleaving(socket, bool(value));
        } else if (option == SctpOptions.DEFAULT_SNDINFO) {
            AssociationOptionCodec.setDefaultSendInfo(socket, (SendInfo) value);
        } else if (option == SctpOptions.DEFAULT_PRINFO) {
            AssociationOptionCodec.setDefaultPrInfo(socket, (PrInfo) value);
        } else if (option == SctpOptions.PRIMARY_ADDR) {
            PathOptionCodec.setPrimary(socket, (InetSocketAddress) value);
        } else if (option == SctpOptions.AUTO_ASCONF) {
            setAutoAsconf(socket, bool(value));
        } else if (option == SctpOptions.MAX_BURST) {
            int burst = (Integer) value;
            if (burst < 0) {
                throw new IllegalArgumentException("MAX_BURST " + burst + " must not be negative; use 0 for no limit");
            }
            setAssocValue(socket, SCTP_MAX_BURST, "SCTP_MAX_BURST", burst);
        } else if (option == SctpOptions.RECONFIG_SUPPORTED) {
            ReconfigurationCodec.setSupported(socket, (Boolean) value);
        } else if (option == SctpOptions.ENABLE_STREAM_RESET) {
            ReconfigurationCodec.setEnabled(socket, (ReconfigurationRequests) value);
        } else if (option == SctpOptions.AUTH_SUPPORTED) {
            AuthenticationCodec.setSupported(socket, (Boolean) value);
        } else if (option == SctpOptions.AUTH_CHUNK) {
            AuthenticationCodec.addChunk(socket, (Integer) value);
        } else if (option == SctpOptions.AUTH_ACTIVE_KEY) {
            AuthenticationCodec.setActiveKey(socket, (Integer) value);
        } else {
            throw new UnsupportedOperationException("option " + option + " cannot be set");
        }
    }

    /** Returns the value of {@code option}. */
    public static <T> T get(LinuxSctpSocket socket, SctpOption<T> option) throws IOException {
        Object value;
        if (option == SctpOptions.NODELAY) {
            value = socket.getInt(SOL_SCTP, SCTP_NODELAY, "SCTP_NODELAY") != 0;
        } else if (option == SctpOptions.DISABLE_FRAGMENTS) {
            value = socket.getInt(SOL_SCTP, SCTP_DISABLE_FRAGMENTS, "SCTP_DISABLE_FRAGMENTS") != 0;
        } else if (option == SctpOptions.REUSE_PORT) {
            value = socket.getInt(SOL_SCTP, SCTP_REUSE_PORT, "SCTP_REUSE_PORT") != 0;
        } else if (option == SctpOptions.SO_REUSEADDR) {
            value = socket.getInt(SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR") != 0;
        } else if (option == SctpOptions.INIT_MSG) {
            value = getInitMsg(socket);
        } else if (option == SctpOptions.SO_SNDBUF) {
            value = socket.getInt(SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF");
        } else if (option == SctpOptions.SO_RCVBUF) {
            value = socket.getInt(SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF");
        } else if (option == SctpOptions.SO_LINGER) {
            int lingering = socket.lingerSeconds();
            value = lingering > 0 ? lingering : socket.get(SOL_SOCKET, SO_LINGER, "SO_LINGER", LINGER_SIZE, null,
                    (b, len) -> b.getInt(LINGER_ONOFF) == 0 ? -1 : b.getInt(LINGER_LINGER));
        } else if (option == SctpOptions.RTO_INFO) {
            value = AssociationOptionCodec.getRtoInfo(socket);
        } else if (option == SctpOptions.ASSOC_INFO) {
            value = AssociationOptionCodec.getAssociationParameters(socket);
        } else if (option == SctpOptions.PEER_ADDR_PARAMS) {
            value = PathOptionCodec.get(socket, null);
        } else if (option == SctpOptions.DELAYED_SACK) {
            value = AssociationOptionCodec.getDelayedSack(socket);
        } else if (option == SctpOptions.MAXSEG) {
            value = getAssocValue(socket, SCTP_MAXSEG, "SCTP_MAXSEG");
        } else if (option == SctpOptions.ADAPTATION_LAYER) {
            value = socket.get(SOL_SCTP, SCTP_ADAPTATION_LAYER, "SCTP_ADAPTATION_LAYER", SETADAPTATION_SIZE, null,
                    (b, len) -> b.getInt(0));
        } else if (option == SctpOptions.FRAGMENT_INTERLEAVE) {
            value = socket.getInt(SOL_SCTP, SCTP_FRAGMENT_INTERLEAVE, "SCTP_FRAGMENT_INTERLEAVE");
        } else if (option == SctpOptions.PARTIAL_DELIVERY_POINT) {
            value = socket.getInt(SOL_SCTP, SCTP_PARTIAL_DELIVERY_POINT, "SCTP_PARTIAL_DELIVERY_POINT");
        } else if (option == SctpOptions.PR_SUPPORTED) {
            value = getAssocValue(socket, SCTP_PR_SUPPORTED, "SCTP_PR_SUPPORTED") != 0;
        } else if (option == SctpOptions.INTERLEAVING_SUPPORTED) {
            value = getAssocValue(socket, SCTP_INTERLEAVING_SUPPORTED, "SCTP_INTERLEAVING_SUPPORTED") != 0;
        } else if (option == SctpOptions.DEFAULT_SNDINFO) {
            value = AssociationOptionCodec.getDefaultSendInfo(socket);
        } else if (option == SctpOptions.DEFAULT_PRINFO) {
            value = AssociationOptionCodec.getDefaultPrInfo(socket);
        } else if (option == SctpOptions.PRIMARY_ADDR) {
            value = PathOptionCodec.getPrimary(socket);
        } else if (option == SctpOptions.AUTO_ASCONF) {
            value = socket.getInt(SOL_SCTP, SCTP_AUTO_ASCONF, "SCTP_AUTO_ASCONF") != 0;
        } else if (option == SctpOptions.MAX_BURST) {
            value = getAssocValue(socket, SCTP_MAX_BURST, "SCTP_MAX_BURST");
        } else if (option == SctpOptions.RECONFIG_SUPPORTED) {
            value = ReconfigurationCodec.supported(socket);
        } else if (option == SctpOptions.ENABLE_STREAM_RESET) {
            value = ReconfigurationCodec.enabled(socket);
        } else if (option == SctpOptions.AUTH_SUPPORTED) {
            value = AuthenticationCodec.supported(socket);
        } else if (option == SctpOptions.AUTH_ACTIVE_KEY) {
            value = AuthenticationCodec.activeKey(socket);
        } else if (option == SctpOptions.AUTH_CHUNK) {
            throw new UnsupportedOperationException("option AUTH_CHUNK can only be set: Linux keeps no per-socket"
                    + " value to read (SCTP_LOCAL_AUTH_CHUNKS lists the chunk types instead)");
        } else {
            throw new UnsupportedOperationException("option " + option + " cannot be read");
        }
        return option.type().cast(value);
    }

    /**
     * Turns a kernel EINVAL into the IllegalArgumentException that says which value was wrong and how to fix it;
     * any other errno is rethrown unchanged.
     */
    static RuntimeException invalid(SctpException e, String message) throws SctpException {
        if (e.errno() != Errno.EINVAL) {
            throw e;
        }
        return new IllegalArgumentException(message, e);
    }

    /** Returns {@code e} with {@code hint} appended when it failed with {@code errno}; otherwise {@code e} itself. */
    static SctpException explain(SctpException e, int errno, String hint) {
        if (e.errno() != errno) {
            return e;
        }
        SctpException explained = new SctpException(e.getMessage() + ": " + hint, e.operation(), e.errno());
        explained.initCause(e);
        return explained;
    }

    private static int bool(Object value) {
        return ((Boolean) value) ? 1 : 0;
    }

    private static void setReusePort(LinuxSctpSocket socket, int on) throws IOException {
        try {
            socket.setInt(SOL_SCTP, SCTP_REUSE_PORT, "SCTP_REUSE_PORT", on);
        } catch (SctpException e) {
            // net/sctp/socket.c answers EFAULT once the endpoint has a port.
            throw explain(e, Errno.EFAULT, "REUSE_PORT must be set before bind: open the socket unbound"
                    + " (SctpServerSocket.open or SctpSocket.open), set it, then bind");
        }
    }

    private static void setAutoAsconf(LinuxSctpSocket socket, int on) throws IOException {
        try {
            socket.setInt(SOL_SCTP, SCTP_AUTO_ASCONF, "SCTP_AUTO_ASCONF", on);
        } catch (SctpException e) {
            throw explain(e, Errno.EINVAL, "AUTO_ASCONF can be turned on only for a socket bound to the wildcard"
                    + " address (SctpAddress.wildcard)");
        }
    }

    private static void setInterleaving(LinuxSctpSocket socket, int on) throws IOException {
        try {
            setAssocValue(socket, SCTP_INTERLEAVING_SUPPORTED, "SCTP_INTERLEAVING_SUPPORTED", on);
        } catch (SctpException e) {
            // net/sctp/socket.c answers EPERM unless net.sctp.intl_enable is 1 and frag_interleave is on.
            throw explain(e, Errno.EPERM, "INTERLEAVING_SUPPORTED needs the sysctl net.sctp.intl_enable=1 and"
                    + " FRAGMENT_INTERLEAVE set to 2 on this socket first");
        }
    }

    private static void setMaxSeg(LinuxSctpSocket socket, int bytes) throws IOException {
        if (bytes < 0 || bytes > MAXSEG_MAX) {
            throw new IllegalArgumentException("MAXSEG " + bytes + " is outside 0.." + MAXSEG_MAX
                    + "; use 0 to follow the path MTU, or a smaller segment size");
        }
        try {
            setAssocValue(socket, SCTP_MAXSEG, "SCTP_MAXSEG", bytes);
        } catch (SctpException e) {
            // net/sctp/socket.c: at least sctp_min_frag_point(), the 512-byte minimum MTU less the IP (20 or 40),
            // SCTP common (12) and DATA chunk (16) headers.
            throw invalid(e, "MAXSEG " + bytes + " is below the kernel's minimum segment (the 512-byte minimum"
                    + " MTU less the IP, SCTP and DATA headers: 464 bytes on IPv4 sockets, 444 on IPv6); use that"
                    + " much or more, or 0 to follow the path MTU");
        }
    }

    private static void setAdaptation(LinuxSctpSocket socket, int indication) throws IOException {
        socket.set(SOL_SCTP, SCTP_ADAPTATION_LAYER, "SCTP_ADAPTATION_LAYER", b -> {
            b.putInt(0, indication);
            return SETADAPTATION_SIZE;
        });
    }

    private static void setPartialDeliveryPoint(LinuxSctpSocket socket, int bytes) throws IOException {
        // net/sctp/socket.c refuses pd_point > sk_rcvbuf / 2 with a bare EINVAL; sk_rcvbuf is what SO_RCVBUF reads.
        int limit = socket.getInt(SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF") / 2;
        if (bytes < 0 || bytes > limit) {
            throw new IllegalArgumentException("PARTIAL_DELIVERY_POINT " + bytes + " is outside 0.." + limit
                    + " (half the receive buffer, SO_RCVBUF); raise SO_RCVBUF first or choose a smaller point");
        }
        try {
            socket.setInt(SOL_SCTP, SCTP_PARTIAL_DELIVERY_POINT, "SCTP_PARTIAL_DELIVERY_POINT", bytes);
        } catch (SctpException e) {
            throw invalid(e, "PARTIAL_DELIVERY_POINT " + bytes + " exceeds half the receive buffer, which shrank"
                    + " meanwhile; raise SO_RCVBUF first");
        }
    }

    static void setAssocValue(LinuxSctpSocket socket, int name, String optionName, int value)
            throws IOException {
        socket.set(SOL_SCTP, name, optionName, b -> {
            b.putInt(ASSOC_VALUE_VALUE, value); // assoc_id @0 stays 0: ignored on one-to-one sockets
            return ASSOC_VALUE_SIZE;
        });
    }

    static int getAssocValue(LinuxSctpSocket socket, int name, String optionName) throws IOException {
        return socket.get(SOL_SCTP, name, optionName, ASSOC_VALUE_SIZE, null, (b, len) -> b.getInt(ASSOC_VALUE_VALUE));
    }

    private static void setInitMsg(LinuxSctpSocket socket, InitOptions init) throws IOException {
        socket.set(SOL_SCTP, SCTP_INITMSG, "SCTP_INITMSG", b -> {
            b.putShort(INITMSG_NUM_OSTREAMS, (short) init.outboundStreams());
            b.putShort(INITMSG_MAX_INSTREAMS, (short) init.maxInboundStreams());
            b.putShort(INITMSG_MAX_ATTEMPTS, (short) init.maxAttempts());
            b.putShort(INITMSG_MAX_INIT_TIMEO, (short) init.maxInitTimeout().toMillis());
            return SCTP_INITMSG_SIZE;
        });
    }

    private static InitOptions getInitMsg(LinuxSctpSocket socket) throws IOException {
        return socket.get(SOL_SCTP, SCTP_INITMSG, "SCTP_INITMSG", SCTP_INITMSG_SIZE, null,
                (b, len) -> new InitOptions(Short.toUnsignedInt(b.getShort(INITMSG_NUM_OSTREAMS)),
                        Short.toUnsignedInt(b.getShort(INITMSG_MAX_INSTREAMS)),
                        Short.toUnsignedInt(b.getShort(INITMSG_MAX_ATTEMPTS)),
                        Duration.ofMillis(Short.toUnsignedInt(b.getShort(INITMSG_MAX_INIT_TIMEO)))));
    }

    private static void setBuffer(LinuxSctpSocket socket, int force, int plain, String name, int bytes)
            throws IOException {
        if (bytes <= 0) {
            throw new IllegalArgumentException(name + " " + bytes + " must be positive");
        }
        try {
            socket.setInt(SOL_SOCKET, force, name + "FORCE", bytes);
        } catch (SctpException e) {
            // Without CAP_NET_ADMIN the FORCE variant fails with EPERM; the plain one is capped at *mem_max.
            socket.setInt(SOL_SOCKET, plain, name, bytes);
        }
    }

    /**
     * A positive linger time would make close(2) sleep in the kernel (sctp_close waits for it even on a
     * non-blocking socket), so the kernel only ever gets "off" or {1, 0} (close aborts), and a positive time is kept
     * here for SctpSocket.close, which lingers parked on the Java side.
     */
    private static void setLinger(LinuxSctpSocket socket, int seconds) throws IOException {
        socket.set(SOL_SOCKET, SO_LINGER, "SO_LINGER", b -> {
            b.putInt(LINGER_ONOFF, seconds == 0 ? 1 : 0);
            b.putInt(LINGER_LINGER, 0);
            return LINGER_SIZE;
        });
        socket.setLingerSeconds(seconds > 0 ? seconds : -1);
    }
}
