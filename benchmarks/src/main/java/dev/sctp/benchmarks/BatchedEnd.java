package dev.sctp.benchmarks;

import dev.sctp.SctpMessageBatch;
import dev.sctp.SctpOptions;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One end of an association driven through this library's batch API, as a user who has many messages to move would
 * drive it: sends are queued into one reusable {@link SctpMessageBatch} and go out with one sendmmsg when it is full,
 * at the end-of-run marker, or before the end waits for input; receives drain one reusable batch that a single
 * recvmmsg filled with every queued message. Nothing is allocated per message.
 *
 * <p>Used by the in-process comparison ({@link DevSctpBatchedContender}) and the cross-process peer, so both measure
 * the same code. One thread at a time.
 */
public final class BatchedEnd implements AutoCloseable {

    /** Messages per sendmmsg/recvmmsg call at most: 64, or fewer for large messages (1 MiB of slots per batch). */
    static final int MAX_BATCH = 64;
    private static final int BATCH_BYTES = 1024 * 1024;
    private static final int MIN_SLOT = 2048;
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int MARKER_SIZE = 1;

    private final SctpSocket socket;
    private final ByteBuffer payload;
    // Joins the parts of a message longer than a slot (echo servers do not know the size in advance).
    private final ByteBuffer assembly = ByteBuffer.allocateDirect(MAX_MESSAGE);
    private final SendInfo sendInfo = SendInfo.of(0, 0);
    private SctpMessageBatch in;
    private SctpMessageBatch out;
    private int next;
    private ByteBuffer last;

    /**
     * Wraps {@code socket} (setting SCTP_NODELAY on it) with batches whose slots fit {@code size}-byte messages.
     *
     * @param payload the bytes {@link #send(int)} sends, at least as many as the largest message
     */
    public BatchedEnd(SctpSocket socket, ByteBuffer payload, int size) throws IOException {
        this.socket = socket;
        this.payload = payload;
        // NODELAY is this library's default; set it anyway so the comparison does not rest on a default.
        socket.setOption(SctpOptions.NODELAY, true);
        prepare(size);
    }

    /**
     * Resizes the batches so that {@code size}-byte messages fit one slot each; a no-op when they already do.
     * Call it only between runs, when nothing is queued or unread.
     */
    public void prepare(int size) {
        int slot = Math.max(MIN_SLOT, size);
        if (in != null && in.maxMessageSize() >= slot) {
            return;
        }
        if ((out != null && out.count() > 0) || (in != null && next < in.count())) {
            throw new IllegalStateException("prepare(" + size + ") with messages still queued or unread");
        }
        int capacity = Math.max(1, Math.min(MAX_BATCH, BATCH_BYTES / slot));
        closeBatches();
        in = new SctpMessageBatch(capacity, slot);
        out = new SctpMessageBatch(capacity, slot);
        next = 0;
    }

    /** Queues the first {@code length} payload bytes as one message; sends the batch when full or at the marker. */
    public void send(int length) throws IOException {
        if (out.count() == out.capacity()) {
            flush();
        }
        payload.clear().limit(length);
        out.add(payload, 0, 0);
        if (length == MARKER_SIZE) {
            flush();
        }
    }

    /** Sends whatever is queued. */
    public void flush() throws IOException {
        if (out.count() > 0) {
            socket.send(out);
            out.clear();
        }
    }

    /**
     * Returns the length of the next whole message, receiving a new batch (after sending what is queued, so a peer
     * waiting for it is not kept waiting) when this one is drained.
     *
     * @throws EOFException if the peer shut down
     */
    public int receive() throws IOException {
        assembly.clear();
        while (true) {
            if (next >= in.count()) {
                flush();
                next = 0;
                if (socket.receive(in) < 0) {
                    throw new EOFException("the peer shut down in the middle of a run");
                }
                continue;
            }
            int i = next++;
            if (in.isNotification(i)) {
                continue; // none are subscribed, but they would be skipped
            }
            ByteBuffer m = in.message(i);
            if (in.isComplete(i) && assembly.position() == 0) {
                last = m;
                return m.remaining();
            }
            assembly.put(m);
            if (in.isComplete(i)) {
                last = assembly.flip();
                return last.remaining();
            }
        }
    }

    /**
     * Queues the message {@link #receive()} just returned to go back to the peer; one longer than a slot goes at
     * once, after what is queued, with a plain send.
     */
    public void echo() throws IOException {
        if (out.count() == out.capacity() || last.remaining() > out.maxMessageSize()) {
            flush();
        }
        if (last.remaining() > out.maxMessageSize()) {
            socket.send(last, sendInfo);
            return;
        }
        out.add(last, 0, 0);
    }

    /** Returns the socket. */
    public SctpSocket socket() {
        return socket;
    }

    private void closeBatches() {
        if (in != null) {
            in.close();
        }
        if (out != null) {
            out.close();
        }
    }

    /** Closes the socket and frees the batches. */
    @Override
    public void close() {
        socket.close();
        closeBatches();
    }
}
