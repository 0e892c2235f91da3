package dev.sctp.benchmarks.cross;

import java.nio.ByteBuffer;

/** The bytes every peer sends: 'a'..'z' repeated, as {@code sctp_peer.c} sends them. */
final class Payload {

    /** The largest message the peers send or receive. */
    static final int MAX_SIZE = 64 * 1024;

    /** The size of the end-of-run marker; every other message has the size the command names. */
    static final int MARKER_SIZE = 1;

    private Payload() {
    }

    /** Returns a direct buffer of {@link #MAX_SIZE} pattern bytes. */
    static ByteBuffer direct() {
        ByteBuffer b = ByteBuffer.allocateDirect(MAX_SIZE);
        for (int i = 0; i < MAX_SIZE; i++) {
            b.put((byte) ('a' + i % 26));
        }
        return b.flip();
    }
}
