package dev.sctp.integration.connection;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The array an association's reader receives into. It is small ({@link #SMALL}) while messages are small, so an idle
 * association holds little heap; a part that fills it is the sign of a longer message, and the reader then reads
 * into an array of the factory's read buffer size until no message is left in parts, and hands it back. The large
 * arrays are shared by all readers through a small bounded pool, so neither a small nor (in steady state) a long
 * message allocates here, and only readers in the middle of a long message hold one. An instance is used by its
 * reader thread only.
 */
final class ReadBuffer {

    /** The size an association reads with while its messages fit: a few 1 KiB messages, or one of up to 4 KiB. */
    static final int SMALL = 4 * 1024;
    /** Large arrays kept for the next long message: one per CPU is enough for the readers that run at once. */
    private static final AtomicReferenceArray<byte[]> SPARE =
            new AtomicReferenceArray<>(Math.max(4, Runtime.getRuntime().availableProcessors()));

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
            if (current != small) {
                giveBack(current);
                current = small;
            }
        } else if (n == current.length && current.length < largeSize) {
            current = borrow(largeSize);
        }
    }

    private static byte[] borrow(int size) {
        for (int i = 0; i < SPARE.length(); i++) {
            byte[] spare = SPARE.get(i);
            if (spare != null && spare.length == size && SPARE.compareAndSet(i, spare, null)) {
                return spare;
            }
        }
        return new byte[size];
    }

    private static void giveBack(byte[] array) {
        for (int i = 0; i < SPARE.length(); i++) {
            if (SPARE.get(i) == null && SPARE.compareAndSet(i, null, array)) {
                return;
            }
        }
        // the pool is full: the array goes to the garbage collector
    }

    /** Returns the length of the array in use, for tests. */
    int length() {
        return current.length;
    }
}
