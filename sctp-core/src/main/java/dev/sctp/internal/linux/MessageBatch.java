package dev.sctp.internal.linux;

import static dev.sctp.internal.linux.SctpConstants.*;

import dev.sctp.notification.SctpNotification;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The native side of a batch of messages for recvmmsg(2) and sendmmsg(2): an mmsghdr array with one iovec and one
 * control buffer per slot, the slots' data, and the decoded per-slot results in primitive arrays.
 *
 * <p>Internal usage only; {@code dev.sctp.SctpMessageBatch} is the public face. Everything is allocated once, so
 * filling, sending, receiving and reading a batch allocates nothing (except the object of a notification).
 */
public final class MessageBatch implements AutoCloseable {

    // Room for RCVINFO (44) and NXTINFO (32) on receive, SNDINFO (32) on send.
    private static final int CONTROL_SIZE = 128;

    private final int capacity;
    private final int maxMessageSize;
    private final NativeBuffer headers;
    private final NativeBuffer data;
    private final int iovAt;
    private final int controlAt;
    private final ByteBuffer[] views;
    private final int[] length;
    private final int[] streamId;
    private final int[] ppid;
    private final int[] flags;
    private final int[] tsn;
    private final int[] associationId;
    private final boolean[] complete;
    private final @Nullable SctpNotification[] notification;
    private int count;

    /** Allocates a batch of {@code capacity} slots of {@code maxMessageSize} bytes each. */
    public MessageBatch(int capacity, int maxMessageSize) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("batch capacity " + capacity + " is outside 1..1024 (UIO_MAXIOV, the "
                    + "most messages one recvmmsg or sendmmsg call takes); use a capacity in that range");
        }
        if (maxMessageSize < 1 || (long) capacity * maxMessageSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch of " + capacity + " slots of " + maxMessageSize + " bytes: the "
                    + "slot size must be at least 1 and capacity x size at most " + Integer.MAX_VALUE
                    + " bytes; use fewer or smaller slots (a longer message arrives in parts)");
        }
        this.capacity = capacity;
        this.maxMessageSize = maxMessageSize;
        this.iovAt = capacity * MMSGHDR_SIZE;
        this.controlAt = iovAt + capacity * IOVEC_SIZE;
        NativeBuffer h = new NativeBuffer(controlAt + capacity * CONTROL_SIZE);
        NativeBuffer d;
        try {
            d = new NativeBuffer(capacity * maxMessageSize);
        } catch (RuntimeException | Error e) {
            h.close();
            throw e;
        }
        headers = h;
        data = d;
        views = new ByteBuffer[capacity];
        length = new int[capacity];
        streamId = new int[capacity];
        ppid = new int[capacity];
        flags = new int[capacity];
        tsn = new int[capacity];
        associationId = new int[capacity];
        complete = new boolean[capacity];
        notification = new SctpNotification[capacity];
        ByteBuffer b = headers.buffer();
        for (int i = 0; i < capacity; i++) {
            views[i] = data.buffer().slice(i * maxMessageSize, maxMessageSize).order(java.nio.ByteOrder.BIG_ENDIAN);
            int m = i * MMSGHDR_SIZE;
            b.putLong(m + MSGHDR_IOV, headers.address(iovAt + i * IOVEC_SIZE));
            b.putLong(m + MSGHDR_IOVLEN, 1L);
            b.putLong(iovAt + i * IOVEC_SIZE + IOVEC_BASE, data.address() + (long) i * maxMessageSize);
        }
    }

    /** Returns the number of slots. */
    public int capacity() {
        return capacity;
    }

    /** Returns the size of each slot in bytes. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** Returns the number of messages held. */
    public int count() {
        return count;
    }

    /** Empties the batch. */
    public void clear() {
        count = 0;
    }

    /**
     * Copies the remaining bytes of {@code src} into the next slot, to be sent on {@code stream} with {@code ppid};
     * advances {@code src}'s position.
     */
    public void add(ByteBuffer src, int stream, int protocolId) {
        int i = reserve(src.remaining(), stream);
        views[i].put(0, src, src.position(), src.remaining());
        commit(i, src.remaining(), stream, protocolId);
        src.position(src.limit());
    }

    /** Copies {@code len} bytes of {@code src} from {@code offset} into the next slot; see {@link #add(ByteBuffer,
     * int, int)}. */
    public void add(byte[] src, int offset, int len, int stream, int protocolId) {
        java.util.Objects.checkFromIndexSize(offset, len, src.length);
        int i = reserve(len, stream);
        views[i].put(0, src, offset, len);
        commit(i, len, stream, protocolId);
    }

    private int reserve(int len, int stream) {
        if (count == capacity) {
            throw new IllegalStateException("the batch is full (" + capacity + " messages): send it, or clear it");
        }
        if (len < 1 || len > maxMessageSize) {
            throw new IllegalArgumentException("message of " + len + " bytes does not fit a slot of 1.."
                    + maxMessageSize + " bytes; create the batch with a larger maxMessageSize");
        }
        if (stream < 0 || stream > 0xffff) {
            throw new IllegalArgumentException("stream id " + stream + " is outside 0..65535: use a stream below "
                    + "the association's outbound stream count");
        }
        return count;
    }

    private void commit(int i, int len, int stream, int protocolId) {
        length[i] = len;
        streamId[i] = stream;
        ppid[i] = protocolId;
        flags[i] = 0;
        complete[i] = true;
        notification[i] = null;
        count = i + 1;
    }

    // ---- the system-call side, used by Messages -----------------------------------------------------------------

    /** Writes the mmsghdrs for receiving into every slot; returns the address of the array. */
    long encodeReceive() {
        ByteBuffer b = headers.buffer();
        for (int i = 0; i < capacity; i++) {
            int m = i * MMSGHDR_SIZE;
            b.putLong(m + MSGHDR_NAME, 0L);
            b.putInt(m + MSGHDR_NAMELEN, 0);
            b.putLong(iovAt + i * IOVEC_SIZE + IOVEC_LEN, maxMessageSize);
            b.putLong(m + MSGHDR_CONTROL, headers.address(controlAt + i * CONTROL_SIZE));
            b.putLong(m + MSGHDR_CONTROLLEN, CONTROL_SIZE);
            b.putInt(m + MSGHDR_FLAGS, 0);
            b.putInt(m + MMSGHDR_MSG_LEN, 0);
        }
        count = 0;
        return headers.address();
    }

    /**
     * Decodes {@code received} slots after recvmmsg. Returns how many hold messages; fewer than {@code received}
     * when a 0-byte read (the end of the stream) ends the batch, which {@link #endOfStreamAt} then reports.
     */
    int decodeReceive(int received) {
        ByteBuffer b = headers.buffer();
        int n = Math.min(received, capacity);
        for (int i = 0; i < n; i++) {
            int m = i * MMSGHDR_SIZE;
            int len = b.getInt(m + MMSGHDR_MSG_LEN);
            int msgFlags = b.getInt(m + MSGHDR_FLAGS);
            if (len < 0 || len > maxMessageSize) {
                throw new IllegalStateException("recvmmsg reported " + len + " bytes for a slot of " + maxMessageSize);
            }
            boolean eor = (msgFlags & MSG_EOR) != 0;
            if ((msgFlags & MSG_NOTIFICATION) != 0) {
                length[i] = 0;
                streamId[i] = 0;
                ppid[i] = 0;
                flags[i] = 0;
                tsn[i] = 0;
                associationId[i] = 0;
                complete[i] = eor;
                // A notification longer than a slot cannot be decoded from a piece; it is reported without object.
                notification[i] = eor ? NotificationDecoder.decode(data.buffer(), i * maxMessageSize, len) : null;
                continue;
            }
            if (len == 0) {
                count = i;
                return i;
            }
            notification[i] = null;
            length[i] = len;
            complete[i] = eor;
            int r = ControlMessages.findRcvInfo(b, controlAt + i * CONTROL_SIZE, b.getLong(m + MSGHDR_CONTROLLEN),
                    CONTROL_SIZE);
            if (r < 0) {
                streamId[i] = 0;
                ppid[i] = 0;
                flags[i] = 0;
                tsn[i] = 0;
                associationId[i] = 0;
            } else {
                streamId[i] = Short.toUnsignedInt(b.getShort(r + RCVINFO_SID));
                flags[i] = Short.toUnsignedInt(b.getShort(r + RCVINFO_FLAGS));
                ppid[i] = Integer.reverseBytes(b.getInt(r + RCVINFO_PPID));
                tsn[i] = b.getInt(r + RCVINFO_TSN);
                associationId[i] = b.getInt(r + RCVINFO_ASSOC_ID);
            }
        }
        count = n;
        return n;
    }

    /** Writes the mmsghdrs for sending slots {@code from}..count-1, each with its SNDINFO; returns their address. */
    long encodeSend(int from) {
        ByteBuffer b = headers.buffer();
        for (int i = from; i < count; i++) {
            int m = i * MMSGHDR_SIZE;
            b.putLong(m + MSGHDR_NAME, 0L);
            b.putInt(m + MSGHDR_NAMELEN, 0);
            b.putLong(iovAt + i * IOVEC_SIZE + IOVEC_LEN, length[i]);
            int c = controlAt + i * CONTROL_SIZE;
            int space = ControlMessages.putSndInfo(b, c, streamId[i], 0, ppid[i], 0);
            b.putLong(m + MSGHDR_CONTROL, headers.address(c));
            b.putLong(m + MSGHDR_CONTROLLEN, space);
            b.putInt(m + MSGHDR_FLAGS, 0);
            b.putInt(m + MMSGHDR_MSG_LEN, 0);
        }
        return headers.address() + (long) from * MMSGHDR_SIZE;
    }

    /** Returns the native address of slot {@code i}'s data. */
    long slotAddress(int i) {
        return data.address() + (long) java.util.Objects.checkIndex(i, capacity) * maxMessageSize;
    }

    /** Returns a view of slot {@code i}'s data, for writes at absolute offsets. */
    ByteBuffer slotView(int i) {
        return views[i];
    }

    /** Makes the batch hold one message, slot 0, as described by {@code info}; returns 1. */
    int setFirst(dev.sctp.ReceiveInfo info) {
        length[0] = info.isNotification() ? 0 : info.length();
        streamId[0] = info.streamId();
        ppid[0] = info.ppid();
        flags[0] = info.flags();
        tsn[0] = info.tsn();
        associationId[0] = info.associationId();
        complete[0] = info.isNotification() || info.isComplete();
        notification[0] = info.notification();
        count = 1;
        return 1;
    }

    // ---- per-slot results ---------------------------------------------------------------------------------------

    private int check(int i) {
        java.util.Objects.checkIndex(i, count);
        return i;
    }

    /** Returns slot {@code i}'s bytes: a view created once, positioned at 0 with the message's length as limit. */
    public ByteBuffer message(int i) {
        ByteBuffer v = views[check(i)];
        v.limit(length[i]).position(0);
        return v;
    }

    /** Returns the length of message {@code i}; 0 for a notification. */
    public int length(int i) {
        return length[check(i)];
    }

    /** Returns the stream of message {@code i}. */
    public int streamId(int i) {
        return streamId[check(i)];
    }

    /** Returns the PPID (host byte order) of message {@code i}. */
    public int ppid(int i) {
        return ppid[check(i)];
    }

    /** Returns the SCTP_RCVINFO flags (such as SCTP_UNORDERED) of message {@code i}. */
    public int flags(int i) {
        return flags[check(i)];
    }

    /** Returns the TSN of message {@code i}. */
    public int tsn(int i) {
        return tsn[check(i)];
    }

    /** Returns the association id of message {@code i}. */
    public int associationId(int i) {
        return associationId[check(i)];
    }

    /** Returns whether slot {@code i} ends its message (MSG_EOR). */
    public boolean isComplete(int i) {
        return complete[check(i)];
    }

    /** Returns whether slot {@code i} holds a notification. */
    public boolean isNotification(int i) {
        check(i);
        return notification[i] != null || length[i] == 0;
    }

    /** Returns the notification in slot {@code i}, or null for data or a notification larger than a slot. */
    public @Nullable SctpNotification notification(int i) {
        return notification[check(i)];
    }

    @Override
    public void close() {
        headers.close();
        data.close();
    }
}
