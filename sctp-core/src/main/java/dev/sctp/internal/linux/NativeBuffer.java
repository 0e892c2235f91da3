package dev.sctp.internal.linux;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A block of malloc'd native memory with a bounds-checked, native-order view, and one owner that frees it.
 *
 * <p>Internal usage only. All encoding and decoding goes through {@link #buffer()}'s absolute methods, so an offset
 * outside the block throws instead of corrupting memory. The owner must not use the buffer after {@link #close()}.
 */
public final class NativeBuffer implements AutoCloseable {

    private static final AtomicLong LIVE_BYTES = new AtomicLong();
    private static final AtomicLong LIVE_BUFFERS = new AtomicLong();

    private final long address;
    private final int size;
    private final ByteBuffer buffer;
    private boolean closed;

    /** Allocates {@code size} bytes, zeroed. */
    public NativeBuffer(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("native buffer size must be positive: " + size);
        }
        long address = LibC.malloc(size);
        if (address == 0) {
            throw new OutOfMemoryError("malloc(" + size + ") failed");
        }
        this.address = address;
        this.size = size;
        this.buffer = new Pointer(address).getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        for (int i = 0; i + 8 <= size; i += 8) {
            buffer.putLong(i, 0L);
        }
        for (int i = size & ~7; i < size; i++) {
            buffer.put(i, (byte) 0);
        }
        LIVE_BYTES.addAndGet(size);
        LIVE_BUFFERS.incrementAndGet();
    }

    /** Returns the native address of byte 0. */
    public long address() {
        checkLive();
        return address;
    }

    /** Returns the address of byte {@code offset}, checked against the size. */
    public long address(int offset) {
        checkLive();
        if (offset < 0 || offset > size) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside native buffer of " + size + " bytes");
        }
        return address + offset;
    }

    /** Returns the size in bytes. */
    public int size() {
        return size;
    }

    /** Returns the native-order view; use only its absolute methods. */
    public ByteBuffer buffer() {
        checkLive();
        return buffer;
    }

    // A plain read: it catches use after free on the owning thread, the common bug, at no cost to the hot path.
    private void checkLive() {
        if (closed) {
            throw new IllegalStateException("native buffer of " + size + " bytes used after it was freed");
        }
    }

    /** Frees the memory; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.free(address);
            LIVE_BYTES.addAndGet(-size);
            LIVE_BUFFERS.decrementAndGet();
        }
    }

    /** Returns the number of bytes allocated and not yet freed, for leak tests. */
    public static long liveBytes() {
        return LIVE_BYTES.get();
    }

    /** Returns the number of buffers allocated and not yet freed, for leak tests. */
    public static long liveBuffers() {
        return LIVE_BUFFERS.get();
    }
}
