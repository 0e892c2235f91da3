package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The receiving half of a socket: a reusable msghdr, iovec and control buffer, a staging buffer for heap reads,
 * and the reassembly buffer for notifications that arrive in pieces.
 *
 * <p>Internal usage only. Receives are serialised by {@link #lock}.
 */
final class ReceivePath extends MessagePath {

    // Layout of the header block: msghdr @0, iovec @64, control @128 (room for RCVINFO and NXTINFO and more).
    private static final int IOV_AT = 64;
    private static final int CONTROL_AT = 128;
    private static final int CONTROL_SIZE = 256;
    private static final int HEADER_SIZE = CONTROL_AT + CONTROL_SIZE;
    // The largest notification Linux sends is SEND_FAILED_EVENT with the whole undelivered message; cap it so a
    // runaway partial notification cannot grow the heap without bound.
    private static final int MAX_NOTIFICATION = 16 * 1024 * 1024;

    private byte[] notification = new byte[512];
    private int notificationLength;

    ReceivePath() {
        super(HEADER_SIZE);
        ByteBuffer b = header.buffer();
        b.putLong(MSGHDR_IOV, header.address(IOV_AT));
        b.putLong(MSGHDR_IOVLEN, 1L);
    }

    /** Writes the msghdr for a read of up to {@code length} bytes into {@code data}; returns its address. */
    long encode(long data, int length) {
        ByteBuffer b = header.buffer();
        b.putLong(MSGHDR_NAME, 0L);
        b.putInt(MSGHDR_NAMELEN, 0);
        b.putLong(IOV_AT, data);
        b.putLong(IOV_AT + 8, length);
        b.putLong(MSGHDR_CONTROL, header.address(CONTROL_AT));
        b.putLong(MSGHDR_CONTROLLEN, CONTROL_SIZE);
        b.putInt(MSGHDR_FLAGS, 0);
        return header.address();
    }

    /** Returns msg_flags of the last recvmsg. */
    int messageFlags() {
        return header.buffer().getInt(MSGHDR_FLAGS);
    }

    /**
     * Fills {@code info} from the RCVINFO cmsg of the last recvmsg, or with zeros when there was none. Walks the
     * cmsgs within the controllen the kernel returned, bounds-checked against the control buffer.
     */
    void decodeData(int length, boolean complete, ReceiveInfo info) {
        ByteBuffer b = header.buffer();
        long controlLength = Math.min(b.getLong(MSGHDR_CONTROLLEN), CONTROL_SIZE);
        int at = CONTROL_AT;
        int end = CONTROL_AT + (int) controlLength;
        while (at + CMSGHDR_SIZE <= end) {
            long cmsgLen = b.getLong(at);
            if (cmsgLen < CMSGHDR_SIZE || at + cmsgLen > end) {
                break;
            }
            if (b.getInt(at + 8) == SOL_SCTP && b.getInt(at + 12) == SCTP_RCVINFO
                    && cmsgLen >= cmsgLen(SCTP_RCVINFO_SIZE)) {
                // struct sctp_rcvinfo (RFC 6458 section 5.3.5): sid @0, ssn @2, flags @4, ppid @8, tsn @12,
                // cumtsn @16, context @20, assoc_id @24.
                int r = at + CMSGHDR_SIZE;
                info.setData(length, Short.toUnsignedInt(b.getShort(r)), Short.toUnsignedInt(b.getShort(r + 2)),
                        Short.toUnsignedInt(b.getShort(r + 4)), Integer.reverseBytes(b.getInt(r + 8)),
                        b.getInt(r + 12), b.getInt(r + 16), b.getInt(r + 20), b.getInt(r + 24), complete);
                return;
            }
            at += cmsgAlign((int) cmsgLen);
        }
        info.setData(length, 0, 0, 0, 0, 0, 0, 0, 0, complete);
    }

    /** Appends a piece of a notification copied from {@code source} (native-order view), up to the cap. */
    void appendNotification(ByteBuffer source, int offset, int length) {
        int needed = notificationLength + length;
        if (needed > MAX_NOTIFICATION) {
            throw new IllegalStateException("notification larger than " + MAX_NOTIFICATION + " bytes");
        }
        if (needed > notification.length) {
            notification = java.util.Arrays.copyOf(notification, Math.max(needed, notification.length * 2));
        }
        source.get(offset, notification, notificationLength, length);
        notificationLength = needed;
    }

    /** Returns the reassembled notification as a native-order buffer and resets the reassembly. */
    ByteBuffer takeNotification() {
        ByteBuffer whole = ByteBuffer.wrap(java.util.Arrays.copyOf(notification, notificationLength))
                .order(ByteOrder.nativeOrder());
        notificationLength = 0;
        return whole;
    }
}
