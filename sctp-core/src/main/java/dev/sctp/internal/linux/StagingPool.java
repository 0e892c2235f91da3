package dev.sctp.internal.linux;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The process-wide native buffers through which heap arrays are sent and received, lent for one call at a time.
 *
 * <p>Internal usage only. A heap array cannot be handed to the kernel, so its bytes pass through native memory. A
 * buffer per socket would sit unused while the socket waits (64 KiB per idle association, the largest share of an
 * idle server's memory); instead a call borrows one only while it copies, and a receive gives it back before it
 * waits. A few buffers serve any number of sockets, because only the calls running at one moment hold one. Borrowing
 * and returning are one atomic swap each, so the hot path allocates nothing while the pool has a buffer to lend;
 * when more calls run at once than the pool keeps, the extra ones get a fresh buffer that is freed on return.
 */
public final class StagingPool {

    /** The size of a lent buffer: the largest length it serves. Longer calls use their socket's own buffer. */
    static final int BUFFER_SIZE = 64 * 1024;
    /** How many idle buffers the pool keeps: enough for every CPU to run a send and a receive at once. */
    private static final int SLOTS = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());

    private static final AtomicReferenceArray<NativeBuffer> IDLE = new AtomicReferenceArray<>(SLOTS);
    private static final AtomicLong POOLED = new AtomicLong();

    private StagingPool() {
    }

    /** Lends a buffer of {@link #BUFFER_SIZE} bytes; give it back with {@link #giveBack}. */
    static NativeBuffer borrow() {
        for (int i = 0; i < SLOTS; i++) {
            if (IDLE.get(i) != null) {
                NativeBuffer buffer = IDLE.getAndSet(i, null);
                if (buffer != null) {
                    POOLED.decrementAndGet();
                    return buffer;
                }
            }
        }
        return new NativeBuffer(BUFFER_SIZE);
    }

    /** Takes back a buffer from {@link #borrow}: kept for the next call, or freed when the pool is full. */
    static void giveBack(NativeBuffer buffer) {
        for (int i = 0; i < SLOTS; i++) {
            if (IDLE.get(i) == null && IDLE.compareAndSet(i, null, buffer)) {
                POOLED.incrementAndGet();
                return;
            }
        }
        buffer.close();
    }

    /**
     * Returns the bytes the pool holds idle, shared by all sockets and bounded by {@code 8} (or twice the CPUs)
     * buffers of 64 KiB; leak tests subtract it from {@link NativeBuffer#liveBytes()}.
     */
    public static long pooledBytes() {
        return POOLED.get() * BUFFER_SIZE;
    }

    /** Returns the number of buffers the pool holds idle; see {@link #pooledBytes()}. */
    public static long pooledBuffers() {
        return POOLED.get();
    }
}
