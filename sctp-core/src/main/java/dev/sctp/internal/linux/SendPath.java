package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.SendInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The sending half of a socket: a reusable msghdr, iovec and cmsg block, and a staging buffer for heap data.
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
        b.putLong(IOV_AT, data);
        b.putLong(IOV_AT + 8, length);
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
        // SCTP_SNDINFO cmsg (RFC 6458 section 5.3.4): sid u16 @0, flags u16 @2, ppid u32 @4, context @8, id @12.
        int at = CONTROL_AT;
        b.putLong(at, cmsgLen(SCTP_SNDINFO_SIZE));
        b.putInt(at + 8, SOL_SCTP);
        b.putInt(at + 12, SCTP_SNDINFO);
        b.putShort(at + 16, (short) streamId);
        b.putShort(at + 18, (short) flags);
        b.putInt(at + 20, Integer.reverseBytes(ppid)); // the kernel sends the PPID as given: htonl it
        b.putInt(at + 24, info.context());
        b.putInt(at + 28, 0);
        int control = cmsgSpace(SCTP_SNDINFO_SIZE);
        if (info.prPolicy() != SendInfo.PrPolicy.NONE) {
            // SCTP_PRINFO cmsg (RFC 6458 section 5.3.7): pr_policy u16 @0, pr_value u32 @4.
            at = CONTROL_AT + control;
            b.putLong(at, cmsgLen(SCTP_PRINFO_SIZE));
            b.putInt(at + 8, SOL_SCTP);
            b.putInt(at + 12, SCTP_PRINFO);
            b.putShort(at + 16, (short) prPolicy(info.prPolicy()));
            b.putShort(at + 18, (short) 0);
            b.putInt(at + 20, info.prValue());
            control += cmsgSpace(SCTP_PRINFO_SIZE);
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
