package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.SendInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The sending half of a socket: a reusable msghdr, iovec and cmsg block; heap data is staged through a buffer
 * borrowed for the call (see {@link MessagePath}).
 *
 * <p>Internal usage only. Sends are serialised by {@link #lock}; a send re-encodes a few header fields and makes
 * one sendmsg(2) call, so a direct-buffer send allocates nothing.
 */
final class SendPath extends MessagePath {

    // Layout of the header block: msghdr @0, iovec @64, destination sockaddr @80, cmsgs @112.
    private static final int IOV_AT = 64;
    private static final int NAME_AT = 80;
    private static final int CONTROL_AT = 112;
    private static final int HEADER_SIZE = 256;

    private final int family;
    // The peer's port, for msg_name when a message is sent to a chosen peer address (the kernel matches the port).
    volatile int peerPort;

    SendPath(int family) {
        super(HEADER_SIZE);
        this.family = family;
        ByteBuffer b = header.buffer();
        b.putLong(MSGHDR_IOV, header.address(IOV_AT));
        b.putLong(MSGHDR_IOVLEN, 1L);
        b.putLong(MSGHDR_CONTROL, header.address(CONTROL_AT));
    }

    /**
     * Writes the msghdr for {@code length} bytes at {@code data} with {@code info}, on {@code streamId} with {@code
     * ppid}; returns the msghdr address. With {@code explicit} false no cmsg is attached, so the kernel applies the
     * socket's defaults (SCTP_DEFAULT_SNDINFO and SCTP_DEFAULT_PRINFO: sctp_sendmsg_update_sinfo copies them only
     * for a message that carries neither SNDINFO nor PRINFO).
     */
    long encode(long data, int length, SendInfo info, int streamId, int ppid, boolean explicit) {
        ByteBuffer b = header.buffer();
        b.putLong(IOV_AT + IOVEC_BASE, data);
        b.putLong(IOV_AT + IOVEC_LEN, length);
        b.putInt(MSGHDR_FLAGS, 0);
        if (!explicit) {
            b.putLong(MSGHDR_NAME, 0L);
            b.putInt(MSGHDR_NAMELEN, 0);
            b.putLong(MSGHDR_CONTROLLEN, 0L);
            return header.address();
        }
        if (streamId < 0 || streamId > 0xffff) {
            throw new IllegalArgumentException("stream id " + streamId + " is outside 0..65535: use a stream below "
                    + "the association's outbound stream count");
        }
        int flags = 0;
        InetAddress to = info.peerAddress();
        if (to != null) {
            SockaddrCodec.encode(b, NAME_AT, to, peerPort, family);
            b.putLong(MSGHDR_NAME, header.address(NAME_AT));
            b.putInt(MSGHDR_NAMELEN, SockaddrCodec.size(to, family));
            flags |= SCTP_ADDR_OVER;
        } else {
            b.putLong(MSGHDR_NAME, 0L);
            b.putInt(MSGHDR_NAMELEN, 0);
        }
        if (info.unordered()) {
            flags |= SCTP_UNORDERED;
        }
        if (info.sackImmediately()) {
            flags |= SCTP_SACK_IMMEDIATELY;
        }
        int control = ControlMessages.putSndInfo(b, CONTROL_AT, streamId, flags, ppid, info.context());
        if (info.prPolicy() != SendInfo.PrPolicy.NONE) {
            control += ControlMessages.putPrInfo(b, CONTROL_AT + control, prPolicy(info.prPolicy()), info.prValue());
        }
        b.putLong(MSGHDR_CONTROLLEN, control);
        return header.address();
    }

    private static int prPolicy(SendInfo.PrPolicy policy) {
        return switch (policy) {
            case NONE -> SCTP_PR_SCTP_NONE;
            case TTL -> SCTP_PR_SCTP_TTL;
            case RTX -> SCTP_PR_SCTP_RTX;
            case PRIORITY -> SCTP_PR_SCTP_PRIO;
        };
    }
}
