package dev.sctp.benchmarks;

import java.nio.ByteBuffer;

/** The message contents every contender sends: the same printable pattern, so the C loop's bytes match too. */
final class Payloads {

    private Payloads() {
    }

    /** Returns {@code size} bytes of 'a'..'z' repeated. */
    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** Returns a direct buffer holding {@link #bytes(int)}, positioned at 0. */
    static ByteBuffer direct(int size) {
        return ByteBuffer.allocateDirect(size).put(bytes(size)).flip();
    }
}
