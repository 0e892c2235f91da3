package dev.sctp;

import java.io.IOException;
import java.io.OutputStream;

/** The byte-stream view of an {@link SctpSocket}: each write becomes one message on stream 0, PPID 0. */
final class SctpOutputStream extends OutputStream {

    private final SctpSocket socket;

    SctpOutputStream(SctpSocket socket) {
        this.socket = socket;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len > 0) {
            socket.send(b, off, len, SendInfo.DEFAULT);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
