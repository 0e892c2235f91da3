package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import java.nio.ByteBuffer;

/**
 * Decodes the ancillary data (cmsgs) that recvmsg returns: finds the SCTP_RCVINFO cmsg and fills a {@link
 * ReceiveInfo} from it; and writes the SNDINFO and PRINFO cmsgs a send attaches.
 *
 * <p>Internal usage only. Allocation-free; the decoder is pure: it reads only the given buffer, within the region
 * given, and trusts no length in it. It never throws for any content of that region; a malformed cmsg ends the
 * walk, and a message without a well-formed RCVINFO is described with zeros.
 */
final class ControlMessages {

    private ControlMessages() {
    }

    /**
     * Returns the offset in {@code b} of the first SCTP_RCVINFO payload in the cmsgs from {@code start}, or -1.
     *
     * @param b a native-order view holding the control buffer
     * @param start where the control buffer starts in {@code b}
     * @param controlLength msg_controllen as the kernel returned it (untrusted: clamped to {@code capacity})
     * @param capacity the control buffer's size, which the walk never leaves
     */
    static int findRcvInfo(ByteBuffer b, int start, long controlLength, int capacity) {
        if (start < 0 || capacity < 0 || start > b.capacity() - capacity) {
            throw new IllegalArgumentException("control region " + start + "+" + capacity + " is outside a buffer of "
                    + b.capacity() + " bytes");
        }
        long clamped = Math.max(0, Math.min(controlLength, capacity));
        int end = start + (int) clamped;
        int at = start;
        while (at <= end - CMSGHDR_SIZE) {
            long cmsgLen = b.getLong(at + CMSGHDR_LEN);
            if (cmsgLen < CMSGHDR_SIZE || cmsgLen > end - at) {
                return -1;
            }
            if (b.getInt(at + CMSGHDR_LEVEL) == SOL_SCTP && b.getInt(at + CMSGHDR_TYPE) == SCTP_RCVINFO
                    && cmsgLen >= cmsgLen(SCTP_RCVINFO_SIZE)) {
                return at + CMSG_DATA_OFFSET;
            }
            // cmsgLen <= end - at < 2^31, so the aligned step is positive and cannot overflow past end + 7.
            at += cmsgAlign((int) cmsgLen);
        }
        return -1;
    }

    /**
     * Fills {@code info} for a data message of {@code length} bytes from the RCVINFO cmsg in the control region, or
     * with zeros when there is none. Arguments as in {@link #findRcvInfo}.
     */
    static void decodeData(ByteBuffer b, int start, long controlLength, int capacity, int length, boolean complete,
            ReceiveInfo info) {
        int r = findRcvInfo(b, start, controlLength, capacity);
        if (r < 0) {
            info.setData(length, 0, 0, 0, 0, 0, 0, 0, 0, complete);
            return;
        }
        // struct sctp_rcvinfo (RFC 6458 section 5.3.5); the PPID arrives in network byte order.
        info.setData(length, Short.toUnsignedInt(b.getShort(r + RCVINFO_SID)),
                Short.toUnsignedInt(b.getShort(r + RCVINFO_SSN)), Short.toUnsignedInt(b.getShort(r + RCVINFO_FLAGS)),
                Integer.reverseBytes(b.getInt(r + RCVINFO_PPID)), b.getInt(r + RCVINFO_TSN),
                b.getInt(r + RCVINFO_CUMTSN), b.getInt(r + RCVINFO_CONTEXT), b.getInt(r + RCVINFO_ASSOC_ID), complete);
    }

    /**
     * Writes an SCTP_SNDINFO cmsg (RFC 6458 section 5.3.4) at {@code at}; returns the bytes it takes (CMSG_SPACE).
     * The PPID goes in as given and the kernel sends it unchanged, so it is written in network byte order.
     */
    static int putSndInfo(ByteBuffer b, int at, int streamId, int flags, int ppid, int context) {
        b.putLong(at + CMSGHDR_LEN, cmsgLen(SCTP_SNDINFO_SIZE));
        b.putInt(at + CMSGHDR_LEVEL, SOL_SCTP);
        b.putInt(at + CMSGHDR_TYPE, SCTP_SNDINFO);
        int d = at + CMSG_DATA_OFFSET;
        b.putShort(d + SNDINFO_SID, (short) streamId);
        b.putShort(d + SNDINFO_FLAGS, (short) flags);
        b.putInt(d + SNDINFO_PPID, Integer.reverseBytes(ppid));
        b.putInt(d + SNDINFO_CONTEXT, context);
        b.putInt(d + SNDINFO_ASSOC_ID, 0);
        return cmsgSpace(SCTP_SNDINFO_SIZE);
    }

    /** Writes an SCTP_PRINFO cmsg (RFC 6458 section 5.3.7) at {@code at}; returns the bytes it takes. */
    static int putPrInfo(ByteBuffer b, int at, int policy, int value) {
        b.putLong(at + CMSGHDR_LEN, cmsgLen(SCTP_PRINFO_SIZE));
        b.putInt(at + CMSGHDR_LEVEL, SOL_SCTP);
        b.putInt(at + CMSGHDR_TYPE, SCTP_PRINFO);
        int d = at + CMSG_DATA_OFFSET;
        b.putShort(d + PRINFO_POLICY, (short) policy);
        // pr_policy is a u16 followed by 2 bytes of padding before the u32 pr_value.
        b.putShort(d + PRINFO_POLICY + Short.BYTES, (short) 0);
        b.putInt(d + PRINFO_VALUE, value);
        return cmsgSpace(SCTP_PRINFO_SIZE);
    }
}
