package dev.sctp.integration.connection;

import dev.sctp.SctpSocket;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Pausing an association's reader for a graceful stop: a passed read deadline wakes the reader waiting in receive,
 * which then parks until resumed. Data that arrives meanwhile stays in the kernel, whose window throttles the peer.
 */
final class ReaderPause {

    private final SctpSocket socket;
    private final Object monitor = new Object();
    private volatile boolean requested;
    private boolean parked;
    private boolean ended;

    ReaderPause(SctpSocket socket) {
        this.socket = socket;
    }

    /** Returns whether a pause was asked for (the reader's receive timing out is then no failure). */
    boolean isRequested() {
        return requested;
    }

    /** Asks the reader to stop after the message in hand. */
    void pause() {
        requested = true;
        try {
            socket.setReadDeadline(Instant.EPOCH);
        } catch (RuntimeException e) {
            // closed meanwhile: the reader is ending, nothing to pause
        }
    }

    /** Lets a paused reader go on. */
    void resume() {
        synchronized (monitor) {
            requested = false;
            try {
                socket.setReadDeadline(null);
            } catch (RuntimeException e) {
                // closed meanwhile
            }
            monitor.notifyAll();
        }
    }

    /** Waits until the reader is parked or ended, at most until {@code deadlineNanos}; returns whether it is. */
    boolean awaitParked(long deadlineNanos) throws InterruptedException {
        synchronized (monitor) {
            while (!parked && !ended) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                monitor.wait(left);
            }
        }
        return true;
    }

    /** Called by the reader: parks while a pause is asked for and {@code finished} is false. */
    void park(BooleanSupplier finished) throws InterruptedException {
        synchronized (monitor) {
            parked = true;
            monitor.notifyAll();
            try {
                while (requested && !finished.getAsBoolean()) {
                    monitor.wait(100);
                }
            } finally {
                parked = false;
            }
        }
    }

    /** Called by the reader as it ends. */
    void readerEnded() {
        synchronized (monitor) {
            ended = true;
            monitor.notifyAll();
        }
    }
}
