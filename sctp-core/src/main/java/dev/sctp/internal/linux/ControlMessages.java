package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import java.nio.ByteBuffer;

/**
 * Decodes the ancillary data (cmsgs) that recvmsg returns: finds the SCTP_RCVINFO cmsg and fills a {@link
 * ReceiveInfo} from it.
 *
 * <p>Internal usage only. Pure and allocation-free: it reads only the given buffer, within the region given, and
 * trusts no length in it. It never throws for any content of that region; a malformed cmsg ends the walk, and a
 * message without a well-formed RCVINFO is described with zeros.
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
            long cmsgLen = b.getLong(at);
            if (cmsgLen < CMSGHDR_SIZE || cmsgLen > end - at) {
                return -1;
            }
            if (b.getInt(at + 8) == SOL_SCTP && b.getInt(at + 12) == SCTP_RCVINFO
                    && cmsgLen >= cmsgLen(SCTP_RCVINFO_SIZE)) {
                return at + CMSGHDR_SIZE;
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
        // struct sctp_rcvinfo (RFC 6458 section 5.3.5): sid @0, ssn @2, flags @4, ppid @8, tsn @12, cumtsn @16,
        // context @20, assoc_id @24; the PPID arrives in network byte order.
        info.setData(length, Short.toUnsignedInt(b.getShort(r)), Short.toUnsignedInt(b.getShort(r + 2)),
                Short.toUnsignedInt(b.getShort(r + 4)), Integer.reverseBytes(b.getInt(r + 8)), b.getInt(r + 12),
                b.getInt(r + 16), b.getInt(r + 20), b.getInt(r + 24), complete);
    }
}
