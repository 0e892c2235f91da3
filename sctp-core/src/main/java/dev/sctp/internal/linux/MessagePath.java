package dev.sctp.internal.linux;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the sending and the receiving half of a socket share: the lock that serialises their calls, a reusable
 * native header block (msghdr, iovec, cmsgs), a staging buffer for heap arrays, and the address of the last direct
 * buffer used.
 *
 * <p>Internal usage only. Everything here is touched only under {@link #lock}, and freed only after the socket's
 * last call has released the fd.
 */
abstract class MessagePath implements AutoCloseable {

    private static final int INITIAL_STAGING = 64 * 1024;

    final ReentrantLock lock = new ReentrantLock();
    final NativeBuffer header;
    private NativeBuffer staging;
    // JNA allocates to look up a direct buffer's address, so repeated calls with the same buffer reuse the last one.
    private ByteBuffer lastDirect;
    private long lastDirectAddress;

    MessagePath(int headerSize) {
        header = new NativeBuffer(headerSize);
    }

    /** Returns a native buffer of at least {@code length} bytes for staging heap data; grows as needed. */
    final NativeBuffer staging(int length) {
        if (staging == null || staging.size() < length) {
            if (staging != null) {
                staging.close();
            }
            staging = new NativeBuffer(Math.max(INITIAL_STAGING, Integer.highestOneBit(Math.max(length, 1)) << 1));
        }
        return staging;
    }

    /** Returns the native address of a direct buffer, without allocating when it is the one used last. */
    final long directAddress(ByteBuffer direct) {
        if (lastDirect != direct) {
            lastDirectAddress = Pointer.nativeValue(Native.getDirectBufferPointer(direct));
            lastDirect = direct;
        }
        return lastDirectAddress;
    }

    @Override
    public void close() {
        header.close();
        if (staging != null) {
            staging.close();
        }
    }
}
