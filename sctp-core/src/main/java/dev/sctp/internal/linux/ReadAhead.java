package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.ReceiveInfo;
import java.nio.ByteBuffer;

/**
 * The read-ahead of a single-message receive: one recvmmsg(2) reads the next message into the caller's buffer (entry
 * 0, no copy) and up to {@link #SLOTS} more queued messages into slots here, which the following receives then
 * serve without a system call. Under a fast peer this turns one system call per message into one per batch.
 *
 * <p>Internal usage only, under the receive path's lock. A slot holds a message, a part of one (a longer message
 * continues in the next slot, or in the kernel once the slots are used up), a notification or its part, or the end
 * of the stream (a 0-byte read), which ends the batch.
 */
final class ReadAhead implements AutoCloseable {

    static final int SLOTS = 8;
    static final int SLOT_SIZE = 2048;
    private static final int ENTRIES = SLOTS + 1;
    private static final int CONTROL_SIZE = 128;
    private static final int IOV_AT = ENTRIES * MMSGHDR_SIZE;
    private static final int CONTROL_AT = IOV_AT + ENTRIES * IOVEC_SIZE;
    private static final int DATA_AT = CONTROL_AT + ENTRIES * CONTROL_SIZE;

    private final NativeBuffer block = new NativeBuffer(DATA_AT + SLOTS * SLOT_SIZE);
    // Entries 1..filled hold read-ahead messages; next is the first not fully served, offset its bytes served.
    private int filled;
    private int next = 1;
    private int offset;
    private boolean endOfStreamAfter;
    // decoded to compare entries, kept: no allocation per message
    private final ReceiveInfo scratch = new ReceiveInfo();
    private final ReceiveInfo scratchNext = new ReceiveInfo();

    // The fields recvmmsg only reads (no name, iovecs, control pointers, slot lengths) are written once here;
    // encode rewrites only what the caller's buffer or the last call changed (net/socket.c ____sys_recvmsg writes
    // back msg_flags, msg_controllen and msg_len, and the name length only when there is a name).
    ReadAhead() {
        ByteBuffer b = block.buffer();
        for (int i = 0; i < ENTRIES; i++) {
            int m = i * MMSGHDR_SIZE;
            b.putLong(m + MSGHDR_NAME, 0L);
            b.putInt(m + MSGHDR_NAMELEN, 0);
            b.putLong(m + MSGHDR_IOV, block.address(IOV_AT + i * IOVEC_SIZE));
            b.putLong(m + MSGHDR_IOVLEN, 1L);
            b.putLong(m + MSGHDR_CONTROL, block.address(CONTROL_AT + i * CONTROL_SIZE));
            if (i > 0) {
                b.putLong(IOV_AT + i * IOVEC_SIZE + IOVEC_BASE, block.address(slotAt(i)));
                b.putLong(IOV_AT + i * IOVEC_SIZE + IOVEC_LEN, SLOT_SIZE);
            }
        }
    }

    private static int slotAt(int entry) {
        return DATA_AT + (entry - 1) * SLOT_SIZE;
    }

    /** Returns the number of mmsghdr entries {@link #encode} writes. */
    int entries() {
        return ENTRIES;
    }

    /** Writes the mmsghdrs: entry 0 reads up to {@code length} bytes into {@code data}, the others into the slots. */
    long encode(long data, int length) {
        ByteBuffer b = block.buffer();
        b.putLong(IOV_AT + IOVEC_BASE, data);
        b.putLong(IOV_AT + IOVEC_LEN, length);
        for (int i = 0; i < ENTRIES; i++) {
            int m = i * MMSGHDR_SIZE;
            b.putLong(m + MSGHDR_CONTROLLEN, CONTROL_SIZE); // the kernel set it to the bytes used
            b.putInt(m + MSGHDR_FLAGS, 0);
            b.putInt(m + MMSGHDR_MSG_LEN, 0);
        }
        return block.address();
    }

    /** Records that recvmmsg returned {@code received} entries; entry 0 is the caller's. */
    void filled(int received) {
        int n = Math.min(received, ENTRIES) - 1;
        filled = n;
        next = 1;
        offset = 0;
        endOfStreamAfter = false;
        for (int i = 1; i <= n; i++) {
            if (length(i) == 0 && (flags(i) & MSG_NOTIFICATION) == 0) {
                filled = i - 1; // a 0-byte read is the end of the stream: nothing after it counts
                endOfStreamAfter = true;
                break;
            }
        }
    }

    /** Returns the byte count of entry {@code i}, checked against its buffer. */
    int length(int i) {
        int len = block.buffer().getInt(i * MMSGHDR_SIZE + MMSGHDR_MSG_LEN);
        if (len < 0 || (i > 0 && len > SLOT_SIZE)) {
            throw new IllegalStateException("recvmmsg reported " + len + " bytes for entry " + i);
        }
        return len;
    }

    /** Returns msg_flags of entry {@code i}. */
    int flags(int i) {
        return block.buffer().getInt(i * MMSGHDR_SIZE + MSGHDR_FLAGS);
    }

    /** Fills {@code info} for {@code length} data bytes from entry {@code i}'s RCVINFO. */
    void decodeData(int i, int length, boolean complete, ReceiveInfo info) {
        ByteBuffer b = block.buffer();
        ControlMessages.decodeData(b, CONTROL_AT + i * CONTROL_SIZE,
                b.getLong(i * MMSGHDR_SIZE + MSGHDR_CONTROLLEN), CONTROL_SIZE, length, complete, info);
    }

    /**
     * Returns whether entry {@code i} filled its slot. sctp_recvmsg (net/sctp/socket.c) reads from one queued
     * message part only, so a shorter read ended that part; under partial delivery with fragment interleaving
     * (I-DATA, net/sctp/stream_interleave.c) the next part may belong to a message of another stream.
     */
    boolean filledSlot(int i) {
        return length(i) == SLOT_SIZE;
    }

    /**
     * Returns whether data entry {@code i + 1} goes on with the message of entry {@code i}: entry {@code i} filled
     * its slot and both carry the same stream, ordering and association.
     */
    boolean continuesInNext(int i) {
        if (!filledSlot(i) || i + 1 > filled) {
            return false;
        }
        decodeData(i, 0, false, scratch);
        decodeData(i + 1, 0, false, scratchNext);
        return scratch.streamId() == scratchNext.streamId() && scratch.isUnordered() == scratchNext.isUnordered()
                && scratch.associationId() == scratchNext.associationId();
    }

    /**
     * Returns whether the part the receive path just peeked at goes on with the message of entry {@code i}: same
     * stream, ordering and association.
     */
    boolean continuesIn(int i, ReceivePath path) {
        decodeData(i, 0, false, scratch);
        path.decodeData(0, false, scratchNext);
        return scratch.streamId() == scratchNext.streamId() && scratch.isUnordered() == scratchNext.isUnordered()
                && scratch.associationId() == scratchNext.associationId();
    }

    /** Returns whether a read-ahead message, part or end of stream is waiting to be served. */
    boolean hasPending() {
        return next <= filled || endOfStreamAfter;
    }

    /** Returns whether another read-ahead entry (not the end of the stream) is waiting. */
    boolean hasMoreEntries() {
        return next <= filled;
    }

    /** Returns whether the next pending entry is the end of the stream (and consumes it). */
    boolean takeEndOfStream() {
        if (next <= filled || !endOfStreamAfter) {
            return false;
        }
        endOfStreamAfter = false;
        return true;
    }

    /** The entry being served. */
    int current() {
        return next;
    }

    /** Bytes of the current entry not yet served. */
    int remaining() {
        return length(next) - offset;
    }

    /** Copies up to {@code max} unserved bytes of the current entry to {@code dst} at {@code at}; returns them. */
    int copyTo(ByteBuffer dst, int at, int max) {
        int n = Math.min(remaining(), max);
        dst.put(at, block.buffer(), slotAt(next) + offset, n);
        offset += n;
        return n;
    }

    /** Passes the current entry's unserved bytes to the notification reassembly of {@code path}. */
    void appendNotificationTo(ReceivePath path) {
        path.appendNotification(block.buffer(), slotAt(next) + offset, remaining());
        offset = length(next);
    }

    /** Moves to the next entry once the current one is fully served. */
    void advance() {
        next++;
        offset = 0;
    }

    /** Returns the data bytes held and not yet served (notifications not counted). */
    long unreadDataBytes() {
        long n = 0;
        for (int i = next; i <= filled; i++) {
            if ((flags(i) & MSG_NOTIFICATION) == 0) {
                n += length(i) - (i == next ? offset : 0);
            }
        }
        return n;
    }

    /** Drops everything held. */
    void clear() {
        filled = 0;
        next = 1;
        offset = 0;
        endOfStreamAfter = false;
    }

    @Override
    public void close() {
        block.close();
    }
}
