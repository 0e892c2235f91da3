package dev.sctp;

import dev.sctp.internal.linux.LinuxSctpSocket;
import dev.sctp.internal.linux.Messages;
import dev.sctp.internal.linux.OptionCodec;
import dev.sctp.internal.linux.SctpConstants;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * How an {@link SctpSocket} ends: abort, and close with the kernel's semantics for unread data (ABORT) or with that
 * data dropped first (graceful SHUTDOWN), lingering parked on the Java side when SO_LINGER is positive.
 */
final class SocketClosing {

    private SocketClosing() {
    }

    /** Sends ABORT at once (SO_LINGER {1, 0}, then close); nothing to do on a socket already closed. */
    static void abort(LinuxSctpSocket socket) throws IOException {
        try {
            OptionCodec.set(socket, SctpOptions.SO_LINGER, 0);
        } catch (ClosedChannelException e) {
            return;
        }
        socket.close();
    }

    /**
     * Closes {@code socket} as {@link SctpSocket#close()} ({@code discardUnread} false) or {@link
     * SctpSocket#closeDiscardingUnread()} describe; returns the data bytes dropped.
     */
    static long close(LinuxSctpSocket socket, boolean connected, boolean discardUnread) {
        if (socket.isClosed()) {
            return 0;
        }
        int linger = socket.lingerSeconds();
        long dropped = 0;
        if (discardUnread) {
            dropped = Messages.discardUnread(socket);
        }
        if (!discardUnread && Messages.readAheadBytes(socket) > 0) {
            // Data read ahead from the kernel but not received is unread too: abort, as the kernel would for it.
            try {
                OptionCodec.set(socket, SctpOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // the association is gone already: close below either way
            }
            socket.close();
            return 0;
        }
        if (linger > 0 && connected) {
            linger(socket, linger);
            if (discardUnread) {
                dropped += Messages.discardUnread(socket); // what arrived while lingering
            }
        }
        socket.close();
        return dropped;
    }

    /**
     * SO_LINGER on the Java side: SHUTDOWN now and wait, parked, until it completes or {@code seconds} pass. As with
     * the kernel's own lingering, an association still shutting down then carries on in the background.
     */
    private static void linger(LinuxSctpSocket socket, int seconds) {
        try {
            socket.shutdown(SctpConstants.SHUT_WR);
            socket.awaitUnassociated(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        } catch (IOException | RuntimeException e) {
            // the association is gone or going: close below either way
        }
    }
}
