package dev.sctp.benchmarks.cross;

import java.io.Closeable;
import java.io.IOException;

/**
 * One end of one association inside a Java peer process, as {@link CrossPeer}'s command loop drives it: sends a
 * prepared payload, receives whole messages into its own buffer and echoes the last one. Implementations reuse
 * their buffers and descriptors, so a loop over these calls allocates only what the library itself allocates.
 */
interface PeerLink extends Closeable {

    /**
     * Readies the link for messages of {@code size} bytes before a run; a no-op unless the link keeps per-size
     * buffers (the batched one sizes its slots).
     */
    default void prepare(int size) {
    }

    /** Sends what a link that batches its sends still holds; a no-op for links that send at once. */
    default void flush() throws IOException {
    }

    /** Sends the first {@code length} bytes of the payload as one message on stream 0 with PPID 0. */
    void send(int length) throws IOException;

    /**
     * Receives one whole message (joining partial deliveries, skipping notifications) and returns its length.
     *
     * @throws java.io.EOFException if the peer shut down
     */
    int receive() throws IOException;

    /** Sends back (or, batched, queues to send back) the message the last {@link #receive()} returned. */
    void echo() throws IOException;

    /** Returns SO_RCVBUF as the kernel reports it for this socket. */
    int receiveBufferSize() throws IOException;

    /** Returns SO_SNDBUF as the kernel reports it for this socket. */
    int sendBufferSize() throws IOException;
}
