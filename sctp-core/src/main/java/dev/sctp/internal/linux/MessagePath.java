package dev.sctp.internal.linux;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the sending and the receiving half of a socket share: the lock that serialises their calls, a reusable
 * native header block (msghdr, iovec, cmsgs) and the staging of heap arrays: up to 64 KiB through a buffer lent by
 * {@link StagingPool} for the call only, longer through a buffer of the socket's own that grows as needed.
 *
 * <p>Internal usage only. Everything here is touched only under {@link #lock}, and freed only after the socket's
 * last call has released the fd.
 */
abstract class MessagePath implements AutoCloseable {

    private static final int INITIAL_STAGING = 64 * 1024;
    /**
     * The most a heap receive reads in one call. A longer message comes in parts (complete=false, the rest follows),
     * as it would into a smaller buffer, so the staging buffer never needs to be larger than this.
     */
    static final int MAX_HEAP_READ = 16 * 1024 * 1024;

    final ReentrantLock lock = new ReentrantLock();
    final NativeBuffer header;
    private NativeBuffer staging;
    // The last direct buffer and the address of its byte 0, so a loop over one buffer needs no native call for it.
    private ByteBuffer lastDirect;
    private long lastBase;

    MessagePath(int headerSize) {
        header = new NativeBuffer(headerSize);
    }

    /**
     * Returns a native buffer of at least {@code length} bytes for staging heap data during one call; hand it to
     * {@link #giveBack} when the call is done. Up to {@link StagingPool#BUFFER_SIZE} it is lent by the shared pool,
     * so an idle socket holds none; longer, it is the socket's own (see {@link #staging}).
     */
    final NativeBuffer borrowStaging(int length) {
        return length <= StagingPool.BUFFER_SIZE ? StagingPool.borrow() : staging(length);
    }

    /**
     * Like {@link #borrowStaging}, for a send of exactly {@code length} bytes: longer than the pool's buffers, it is a
     * buffer of its own, freed by {@link #giveBack}. A send's length is its message's, so only long messages pay
     * that allocation, and a socket that once sent one does not keep its size.
     */
    final NativeBuffer borrowExact(int length) {
        return length <= StagingPool.BUFFER_SIZE ? StagingPool.borrow() : new NativeBuffer(length);
    }

    /** Ends the use of a buffer from {@link #borrowStaging} or {@link #borrowExact}. */
    final void giveBack(NativeBuffer buffer) {
        if (buffer == staging) {
            return;
        }
        if (buffer.size() == StagingPool.BUFFER_SIZE) {
            StagingPool.giveBack(buffer);
        } else {
            buffer.close();
        }
    }

    /**
     * Returns the socket's own native buffer of at least {@code length} bytes, for heap calls longer than the pool's
     * buffers; grows as needed and is kept until the socket closes, so a caller that reads large arrays pays the
     * allocation once.
     */
    final NativeBuffer staging(int length) {
        if (staging == null || staging.size() < length) {
            if (staging != null) {
                staging.close();
            }
            staging = null; // a failed allocation below must not leave a freed buffer behind
            staging = new NativeBuffer(stagingSize(length));
        }
        return staging;
    }

    /**
     * The staging size for {@code length} bytes: the next power of two, at least 64 KiB, and exactly {@code length}
     * above 2^30, where doubling would overflow an int (a negative size once let recvmsg write past 64 KiB).
     */
    static int stagingSize(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("staging length " + length + " is negative");
        }
        if (length <= INITIAL_STAGING) {
            return INITIAL_STAGING;
        }
        if (length > (1 << 30)) {
            return length;
        }
        return Integer.highestOneBit(length - 1) << 1;
    }

    /** The bytes a heap receive of {@code length} reads at most: see {@link #MAX_HEAP_READ}. */
    static int heapReadLength(int length) {
        return Math.min(length, MAX_HEAP_READ);
    }

    /**
     * Returns the native address of a direct buffer's position, without allocating: JNA passes a direct buffer
     * argument as the address of its position, and memmove with 0 bytes returns its destination.
     */
    static long directAddress(ByteBuffer direct) {
        return LibC.memmove(direct, 0L, 0L);
    }

    /**
     * Like {@link #directAddress(ByteBuffer)}, but without the native call when {@code direct} is the buffer used
     * last, the common case of a loop over one buffer. Only under {@link #lock}.
     */
    final long cachedDirectAddress(ByteBuffer direct) {
        if (direct != lastDirect) {
            lastBase = directAddress(direct) - direct.position();
            lastDirect = direct;
        }
        return lastBase + direct.position();
    }

    @Override
    public void close() {
        header.close();
        if (staging != null) {
            staging.close();
        }
    }
}
