package dev.sctp;

import dev.sctp.notification.SctpNotification;
import org.jspecify.annotations.Nullable;

/**
 * What arrived with a received message: stream, sequence numbers, PPID, flags, or the notification it was.
 *
 * <p>Mutable and meant for reuse: each receive call overwrites it, so a steady-state receive loop allocates
 * nothing. Not thread-safe; give each reading thread its own instance.
 */
public final class ReceiveInfo {

    private int length;
    private int streamId;
    private int ssn;
    private int flags;
    private int ppid;
    private int tsn;
    private int cumulativeTsn;
    private int context;
    private int associationId;
    private boolean complete;
    private boolean endOfStream;
    private @Nullable SctpNotification notification;

    /** Creates an empty instance. */
    public ReceiveInfo() {
    }

    /**
     * Records a data message; internal callers only.
     *
     * @param length bytes received
     * @param streamId the stream
     * @param ssn the stream sequence number
     * @param flags rcv_flags ({@code SCTP_UNORDERED} is bit 0)
     * @param ppid the PPID in host byte order
     * @param tsn the TSN
     * @param cumulativeTsn the cumulative TSN
     * @param context the context
     * @param associationId the association id
     * @param complete whether MSG_EOR was set
     */
    public void setData(int length, int streamId, int ssn, int flags, int ppid, int tsn, int cumulativeTsn,
            int context, int associationId, boolean complete) {
        this.length = length;
        this.streamId = streamId;
        this.ssn = ssn;
        this.flags = flags;
        this.ppid = ppid;
        this.tsn = tsn;
        this.cumulativeTsn = cumulativeTsn;
        this.context = context;
        this.associationId = associationId;
        this.complete = complete;
        this.endOfStream = false;
        this.notification = null;
    }

    /** Records a notification; internal callers only. */
    public void setNotification(SctpNotification notification) {
        clear();
        this.notification = notification;
        this.associationId = notification.associationId();
        this.complete = true;
    }

    /** Records the end of the stream (the peer shut down); internal callers only. */
    public void setEndOfStream() {
        clear();
        this.endOfStream = true;
        this.complete = true;
    }

    private void clear() {
        length = 0;
        streamId = 0;
        ssn = 0;
        flags = 0;
        ppid = 0;
        tsn = 0;
        cumulativeTsn = 0;
        context = 0;
        associationId = 0;
        complete = false;
        endOfStream = false;
        notification = null;
    }

    /** Returns the number of bytes received, 0 for a notification or the end of the stream. */
    public int length() {
        return length;
    }

    /** Returns the stream the message arrived on. */
    public int streamId() {
        return streamId;
    }

    /** Returns the stream sequence number (meaningless for unordered messages). */
    public int ssn() {
        return ssn;
    }

    /** Returns the raw {@code rcv_flags}. */
    public int flags() {
        return flags;
    }

    /** Returns the payload protocol id in host byte order. */
    public int ppid() {
        return ppid;
    }

    /** Returns the TSN of the message's first chunk. */
    public int tsn() {
        return tsn;
    }

    /** Returns the cumulative TSN the stack had acknowledged. */
    public int cumulativeTsn() {
        return cumulativeTsn;
    }

    /** Returns the context value. */
    public int context() {
        return context;
    }

    /** Returns the association id. */
    public int associationId() {
        return associationId;
    }

    /** Returns whether the message was sent unordered. */
    public boolean isUnordered() {
        return (flags & 0x1) != 0;
    }

    /**
     * Returns whether this read ended the message (MSG_EOR). False means the buffer was smaller than the message
     * or the kernel delivered part of it early (partial delivery): the next read continues the same message.
     */
    public boolean isComplete() {
        return complete;
    }

    /** Returns whether the peer shut the association down and no more data will arrive. */
    public boolean isEndOfStream() {
        return endOfStream;
    }

    /** Returns whether this read delivered a notification instead of data. */
    public boolean isNotification() {
        return notification != null;
    }

    /** Returns the notification this read delivered, or {@code null} for data. */
    public @Nullable SctpNotification notification() {
        return notification;
    }

    @Override
    public String toString() {
        if (notification != null) {
            return "ReceiveInfo[" + notification + "]";
        }
        if (endOfStream) {
            return "ReceiveInfo[end of stream]";
        }
        return "ReceiveInfo[length=" + length + ", stream=" + streamId + ", ssn=" + ssn + ", ppid="
                + Integer.toUnsignedString(ppid) + ", tsn=" + Integer.toUnsignedString(tsn) + ", assoc="
                + associationId + (isUnordered() ? ", unordered" : "") + (complete ? "" : ", partial") + "]";
    }
}
