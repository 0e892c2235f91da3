package dev.sctp;

import dev.sctp.internal.linux.MessageBatch;
import dev.sctp.notification.SctpNotification;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A reusable batch of messages that {@link SctpSocket#receive(SctpMessageBatch)} fills with every queued message in
 * one system call (recvmmsg), and that {@link SctpSocket#send(SctpMessageBatch)} sends in one (sendmmsg), each
 * message with its own stream and PPID.
 *
 * <p>It has a fixed number of slots of a fixed size, in native memory allocated once; filling, sending, receiving
 * and reading it allocate nothing (except the object of a received notification). A message longer than a slot
 * arrives in parts: {@link #isComplete(int)} is false until its last part, which may come in the next batch. A
 * notification takes a slot of its own, in order with the data. Not thread-safe; {@link #close()} frees the memory.
 *
 * <pre>{@code
 * try (SctpMessageBatch batch = new SctpMessageBatch(64, 2048)) {
 *     while (socket.receive(batch) > 0) {
 *         for (int i = 0; i < batch.count(); i++) {
 *             if (!batch.isNotification(i)) {
 *                 handle(batch.streamId(i), batch.ppid(i), batch.message(i));
 *             }
 *         }
 *     }
 * }
 * }</pre>
 */
public final class SctpMessageBatch implements AutoCloseable {

    private final MessageBatch batch;

    /**
     * Allocates {@code capacity} slots (1..1024) of {@code maxMessageSize} bytes each.
     *
     * @throws IllegalArgumentException if a size is out of range, naming the limit
     */
    public SctpMessageBatch(int capacity, int maxMessageSize) {
        batch = new MessageBatch(capacity, maxMessageSize);
    }

    MessageBatch internal() {
        return batch;
    }

    /** Returns the number of slots. */
    public int capacity() {
        return batch.capacity();
    }

    /** Returns the size of a slot in bytes. */
    public int maxMessageSize() {
        return batch.maxMessageSize();
    }

    /** Returns the number of messages held: received by the last receive, or added since the last clear. */
    public int count() {
        return batch.count();
    }

    /** Empties the batch, to fill it again with {@link #add}. */
    public void clear() {
        batch.clear();
    }

    /**
     * Copies the remaining bytes of {@code src} into the next slot, to be sent on {@code streamId} with {@code ppid}
     * (host byte order), ordered and fully reliable; advances {@code src}'s position.
     *
     * @throws IllegalStateException if the batch is full
     * @throws IllegalArgumentException if the message is empty or longer than a slot, or the stream is outside
     *     0..65535
     */
    public SctpMessageBatch add(ByteBuffer src, int streamId, int ppid) {
        batch.add(src, streamId, ppid);
        return this;
    }

    /** Like {@link #add(ByteBuffer, int, int)}, from {@code length} bytes of {@code src} at {@code offset}. */
    public SctpMessageBatch add(byte[] src, int offset, int length, int streamId, int ppid) {
        batch.add(src, offset, length, streamId, ppid);
        return this;
    }

    /**
     * Returns the bytes of message {@code i}: a read-only use view of the slot, created once and reused, positioned
     * at 0 with the message's length as its limit. Valid until the batch is received into or cleared.
     */
    public ByteBuffer message(int i) {
        return batch.message(i);
    }

    /** Returns the length of message {@code i} in bytes; 0 for a notification. */
    public int length(int i) {
        return batch.length(i);
    }

    /** Returns the stream of message {@code i}. */
    public int streamId(int i) {
        return batch.streamId(i);
    }

    /** Returns the payload protocol id of message {@code i}, in host byte order. */
    public int ppid(int i) {
        return batch.ppid(i);
    }

    /** Returns whether message {@code i} was sent unordered. */
    public boolean isUnordered(int i) {
        return (batch.flags(i) & 1) != 0; // SCTP_UNORDERED in sctp_rcvinfo.rcv_flags
    }

    /** Returns the TSN of (the last chunk of) message {@code i}. */
    public int tsn(int i) {
        return batch.tsn(i);
    }

    /** Returns the association id of message {@code i}. */
    public int associationId(int i) {
        return batch.associationId(i);
    }

    /** Returns whether slot {@code i} ends its message; false for a part of a message longer than a slot. */
    public boolean isComplete(int i) {
        return batch.isComplete(i);
    }

    /** Returns whether slot {@code i} holds a notification instead of data. */
    public boolean isNotification(int i) {
        return batch.isNotification(i);
    }

    /** Returns the notification in slot {@code i}, or null for data (or a notification longer than a slot). */
    public @Nullable SctpNotification notification(int i) {
        return batch.notification(i);
    }

    /** Frees the native memory; the batch must not be used afterwards. */
    @Override
    public void close() {
        batch.close();
    }
}
