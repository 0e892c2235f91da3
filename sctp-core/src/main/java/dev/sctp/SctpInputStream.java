package dev.sctp;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The byte-stream view of an {@link SctpSocket}: data of every stream, boundaries dropped, notifications skipped.
 *
 * <p>Concurrent readers take turns on a {@link ReentrantLock}, not a monitor: a read parks until data arrives, and a
 * virtual thread parking inside {@code synchronized} pins its carrier thread on JDK 21 to 23.
 */
final class SctpInputStream extends InputStream {

    private final ReentrantLock lock = new ReentrantLock();
    private final SctpSocket socket;
    private final ReceiveInfo info = new ReceiveInfo();
    private final byte[] one = new byte[1];
    private boolean eof;

    SctpInputStream(SctpSocket socket) {
        this.socket = socket;
    }

    @Override
    public int read() throws IOException {
        lock.lock(); // held across the byte's use too, as the one-byte buffer is shared
        try {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (!eof) {
                int n = socket.receive(b, off, len, info);
                if (n < 0) {
                    eof = true;
                } else if (!info.isNotification() && n > 0) {
                    return n;
                }
                // A notification or an empty message: keep reading, as a byte stream has no place for either.
            }
            return -1;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
