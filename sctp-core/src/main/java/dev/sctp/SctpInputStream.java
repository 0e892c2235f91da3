package dev.sctp;

import java.io.IOException;
import java.io.InputStream;

/** The byte-stream view of an {@link SctpSocket}: data of every stream, boundaries dropped, notifications skipped. */
final class SctpInputStream extends InputStream {

    private final SctpSocket socket;
    private final ReceiveInfo info = new ReceiveInfo();
    private final byte[] one = new byte[1];
    private boolean eof;

    SctpInputStream(SctpSocket socket) {
        this.socket = socket;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
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
    }

    @Override
    public void close() {
        socket.close();
    }
}
