package dev.sctp.integration.connection;

import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded sends of one association: at most the factory's {@code maxInFlightSends} wait in the kernel at once,
 * and each waits at most the factory's send timeout, for a slot and for room in the kernel's send buffer. Sends may
 * come from any thread.
 */
final class AssociationSender {

    private final SctpAssociation association;
    private final AbstractSctpAssociationFactory factory;
    private final SctpSocket socket;
    private final Semaphore permits;
    private final AtomicLong sent = new AtomicLong();

    AssociationSender(SctpAssociation association, AbstractSctpAssociationFactory factory, SctpSocket socket) {
        this.association = association;
        this.factory = factory;
        this.socket = socket;
        this.permits = new Semaphore(factory.getMaxInFlightSends());
        socket.setWriteTimeout(factory.getSendTimeout());
    }

    /**
     * Sends {@code payload} as one message as {@code info} says; the caller checked that the association is open.
     *
     * @param outboundStreams the negotiated outbound streams, or 0 before COMM_UP
     */
    void send(byte[] payload, SendInfo info, int outboundStreams) throws IOException {
        String id = association.getId();
        if (payload.length > factory.getMaxMessageSize()) {
            throw new IllegalArgumentException("Message of " + payload.length + " bytes for association " + id
                    + " exceeds the maximum message size of " + factory.getMaxMessageSize() + " bytes of factory '"
                    + factory.getComponentName() + "'");
        }
        if (outboundStreams > 0 && info.streamId() >= outboundStreams) {
            throw new IllegalArgumentException("Stream " + info.streamId() + " is beyond the " + outboundStreams
                    + " outbound streams negotiated for association " + id + ": use 0.." + (outboundStreams - 1)
                    + ", or ask for more with InitOptions.outboundStreams on factory '" + factory.getComponentName()
                    + "' (the peer's inbound limit still caps them)");
        }
        Duration timeout = factory.getSendTimeout();
        try {
            boolean acquired = timeout.isZero() ? acquire() : permits.tryAcquire(timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
            if (!acquired) {
                throw new SocketTimeoutException("Send to association " + id + " timed out after " + timeout
                        + ": " + factory.getMaxInFlightSends() + " sends already in flight (maxInFlightSends)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SctpAssociationException(id, "Interrupted waiting to send on association " + id, e);
        }
        try {
            socket.send(payload, info);
        } catch (IOException | RuntimeException e) {
            permits.release();
            factory.callbacks().observeSendFailed(association, info.streamId(), payload.length, e);
            if (e instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException("Association " + id + ": " + iae.getMessage(), iae);
            }
            throw new SctpAssociationException(id, "Failed to send " + payload.length + " bytes on stream "
                    + info.streamId() + " of association " + id + ": " + e.getMessage(), e);
        }
        permits.release();
        sent.incrementAndGet();
        association.markActive();
        // after the send succeeded: an observer's failure must not turn it into a failed send that callers retry
        factory.callbacks().observeSent(association, info.streamId(), payload.length);
    }

    private boolean acquire() throws InterruptedException {
        permits.acquire();
        return true;
    }

    /** Returns the number of sends waiting in the kernel right now. */
    int inFlight() {
        return factory.getMaxInFlightSends() - permits.availablePermits();
    }

    /** Returns the number of messages sent. */
    long sent() {
        return sent.get();
    }
}
