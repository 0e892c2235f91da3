package dev.sctp.test;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpSocket;
import dev.sctp.notification.SctpNotification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what arrives on an {@link SctpSocket} in order, data and notifications alike, for tests that wait for a
 * particular notification or message: every wait is bounded by the socket's read timeout.
 */
public final class Inbox {

    /** A received data message: stream, stream sequence number, TSN (unsigned) and text. */
    public record Message(int streamId, int ssn, long tsn, String text) {
    }

    private final SctpSocket socket;
    private final List<Object> seen = new ArrayList<>();

    /** Reads from {@code socket}, giving each wait {@code timeout}. */
    public Inbox(SctpSocket socket, Duration timeout) {
        this.socket = socket;
        socket.setReadTimeout(timeout);
    }

    /** Receives until a notification of {@code type} arrives and returns it; what came before stays in {@link #seen}. */
    public <T extends SctpNotification> T next(Class<T> type) throws IOException {
        while (true) {
            Object next = receive();
            if (type.isInstance(next)) {
                return type.cast(next);
            }
        }
    }

    /** Receives until a data message arrives and returns it. */
    public Message nextMessage() throws IOException {
        while (true) {
            Object next = receive();
            if (next instanceof Message m) {
                return m;
            }
        }
    }

    /** Receives the next message or notification. */
    public Object receive() throws IOException {
        ReceiveInfo info = new ReceiveInfo();
        byte[] buf = new byte[65536];
        int n = socket.receive(buf, 0, buf.length, info);
        Object next;
        if (info.isNotification()) {
            next = info.notification();
        } else if (n < 0) {
            throw new AssertionError("end of stream; received so far: " + seen);
        } else {
            next = new Message(info.streamId(), info.ssn(), Integer.toUnsignedLong(info.tsn()),
                    new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        seen.add(next);
        return next;
    }

    /** Returns everything received so far, in order. */
    public List<Object> seen() {
        return List.copyOf(seen);
    }
}
