package dev.sctp.integration.connection;

/**
 * The array an association's reader receives into. It is small ({@link #SMALL}) while messages are small, so an idle
 * association holds little heap; a part that fills it is the sign of a longer message, and the reader then reads
 * into an array of the factory's read buffer size until no message is left in parts, and drops it again. A small
 * message therefore costs no allocation here, a long one a single array for its duration. Used by the reader
 * thread only.
 */
final class ReadBuffer {

    /** The size an association reads with while its messages fit: a few 1 KiB messages, or one of up to 4 KiB. */
    static final int SMALL = 4 * 1024;

    private final int largeSize;
    private final byte[] small;
    private byte[] current;

    /** A buffer that reads at most {@code readBufferSize} bytes at a time, and {@link #SMALL} while messages fit. */
    ReadBuffer(int readBufferSize) {
        this.largeSize = readBufferSize;
        this.small = new byte[Math.min(SMALL, readBufferSize)];
        this.current = small;
    }

    /** Returns the array to receive the next part into. */
    byte[] array() {
        return current;
    }

    /**
     * Adapts the array after a receive of {@code n} data bytes: grows it when the part filled it and its message
     * goes on, and returns to the small one once {@code partsPending} is false (no stream has a message in parts).
     */
    void afterPart(int n, boolean partsPending) {
        if (!partsPending) {
            current = small;
        } else if (n == current.length && current.length < largeSize) {
            current = new byte[largeSize];
        }
    }

    /** Returns the length of the array in use, for tests. */
    int length() {
        return current.length;
    }
}
