package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The receiving half of a socket: a reusable msghdr, iovec and control buffer, the read-ahead, and the reassembly
 * buffer for notifications that arrive in pieces; heap reads are staged through a buffer borrowed for the call (see
 * {@link MessagePath}).
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
    static final int MAX_NOTIFICATION = 16 * 1024 * 1024;

    private byte[] notification = new byte[512];
    private int notificationLength;
    // Set while the pieces of a notification over the cap are being dropped.
    private boolean oversized;
    private ReadAhead readAhead;
    // An error recvmmsg reported ahead of queued messages, reported once recvmsg has read them (see Messages).
    int deferredErrno;
    // The read sequence a heap receive that found nothing waits on, after giving its staging buffer back.
    int parkSeq;
    private ReceiveInfo batchInfo;

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
        b.putLong(IOV_AT + IOVEC_BASE, data);
        b.putLong(IOV_AT + IOVEC_LEN, length);
        b.putLong(MSGHDR_CONTROL, header.address(CONTROL_AT));
        b.putLong(MSGHDR_CONTROLLEN, CONTROL_SIZE);
        b.putInt(MSGHDR_FLAGS, 0);
        return header.address();
    }

    /** Returns the read-ahead, allocated on first use so that a socket that never receives does not pay for it. */
    ReadAhead readAhead() {
        if (readAhead == null) {
            readAhead = new ReadAhead();
        }
        return readAhead;
    }

    /** Returns a ReceiveInfo for serving read-ahead messages into a batch, allocated once. */
    ReceiveInfo batchInfo() {
        if (batchInfo == null) {
            batchInfo = new ReceiveInfo();
        }
        return batchInfo;
    }

    /** Returns the read-ahead, or null if it was never used. */
    ReadAhead readAheadIfAny() {
        return readAhead;
    }

    @Override
    public void close() {
        super.close();
        if (readAhead != null) {
            readAhead.close();
        }
    }

    /** Returns msg_flags of the last recvmsg. */
    int messageFlags() {
        return header.buffer().getInt(MSGHDR_FLAGS);
    }

    /** Fills {@code info} from the RCVINFO cmsg of the last recvmsg, or with zeros when there was none. */
    void decodeData(int length, boolean complete, ReceiveInfo info) {
        ByteBuffer b = header.buffer();
        ControlMessages.decodeData(b, CONTROL_AT, b.getLong(MSGHDR_CONTROLLEN), CONTROL_SIZE, length, complete, info);
    }

    /**
     * Appends a piece of a notification copied from {@code source} (native-order view). A notification that grows
     * past the cap is dropped piece by piece until its end, and {@link #takeNotification} then reports it, so the
     * next notification starts clean.
     */
    void appendNotification(ByteBuffer source, int offset, int length) {
        if (oversized) {
            return;
        }
        int needed = notificationLength + length;
        if (needed > MAX_NOTIFICATION || needed < 0) {
            oversized = true;
            notificationLength = 0;
            return;
        }
        if (needed > notification.length) {
            notification = java.util.Arrays.copyOf(notification, Math.max(needed, notification.length * 2));
        }
        source.get(offset, notification, notificationLength, length);
        notificationLength = needed;
    }

    /**
     * Returns the reassembled notification as a native-order buffer and resets the reassembly.
     *
     * @throws SctpException if the notification was larger than the cap and was dropped
     */
    ByteBuffer takeNotification() throws SctpException {
        if (oversized) {
            oversized = false;
            notificationLength = 0;
            throw new SctpException("recvmsg dropped a notification larger than " + MAX_NOTIFICATION + " bytes (the "
                    + "cap for one notification); later messages and notifications are received as usual",
                    "recvmsg", 0);
        }
        ByteBuffer whole = ByteBuffer.wrap(java.util.Arrays.copyOf(notification, notificationLength))
                .order(ByteOrder.nativeOrder());
        notificationLength = 0;
        return whole;
    }
}
