package dev.sctp.integration.connection;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAssociationAbortedException;
import dev.sctp.SctpSocket;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.notification.SctpNotification;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * The reader loop of one association, on a thread of its own (see {@link ReaderThreads}): reads messages and
 * notifications, reassembles partial deliveries and hands each whole message to the lane of its stream. While the
 * factory's limit of pending deliveries is reached it waits, so the kernel's receive window throttles the peer.
 * Notifications are handled on this thread, in order with the data. A graceful stop pauses it (see
 * {@link ReaderPause}).
 */
final class AssociationReader implements Runnable {

    private static final LogAccessor LOGGER = new LogAccessor(AssociationReader.class);
    /**
     * How long the reader waits for more after COMM_LOST before it ends the association itself. Everything the lost
     * association leaves (SEND_FAILED notifications) is queued with COMM_LOST, so this is only a safety margin for a
     * slow thread; it counts from each receive, not from the loss.
     */
    private static final Duration AFTER_LOSS = Duration.ofMillis(500);

    private final SctpAssociation association;
    private final AbstractSctpAssociationFactory factory;
    private final SctpSocket socket;
    private final StreamDispatcher dispatcher;
    private final ReaderPause pause;
    private final AtomicLong received = new AtomicLong();
    /** The reassembly of the running loop, published for {@link #interleavedParts}. */
    private volatile @Nullable Reassembly reassembly;
    /** Whether the association ended: one instance, since the reader checks it for every message it dispatches. */
    private final BooleanSupplier ended;
    /** Set when COMM_LOST was read: the association is gone in the kernel, and only what it left is still queued. */
    private boolean lost;

    AssociationReader(SctpAssociation association, AbstractSctpAssociationFactory factory, SctpSocket socket,
            StreamDispatcher dispatcher) {
        this.association = association;
        this.factory = factory;
        this.socket = socket;
        this.dispatcher = dispatcher;
        this.pause = new ReaderPause(socket);
        this.ended = () -> !association.isOpen();
    }

    @Override
    public void run() {
        ReadBuffer readBuffer = new ReadBuffer(factory.getReadBufferSize());
        ReceiveInfo info = new ReceiveInfo();
        Reassembly reassembly = new Reassembly(factory.getMaxMessageSize(), factory.getMaxPartialMessageBytes());
        this.reassembly = reassembly;
        try {
            while (association.isOpen()) {
                int n;
                byte[] buffer = readBuffer.array();
                try {
                    n = socket.receive(buffer, 0, buffer.length, info);
                } catch (SocketTimeoutException e) {
                    if (lost) {
                        // nothing more came after COMM_LOST: all the loss left is read (the socket error that would
                        // end this reader otherwise may have gone to a send)
                        CloseReason requested = association.requestedClose();
                        association.finish(requested != null ? requested : CloseReason.LOST, null);
                        return;
                    }
                    // our pause deadline; with no read timeout on the socket nothing else times out, so a resume
                    // that came before this check is no failure either
                    if (pause.isRequested() || socket.getReadTimeout().isZero()) {
                        pause.park(ended);
                        continue;
                    }
                    throw e;
                }
                if (n < 0) {
                    association.finish(CloseReason.SHUTDOWN, null);
                    return;
                }
                SctpNotification notification = info.notification();
                if (notification != null) {
                    onNotification(notification);
                    continue;
                }
                association.markActive();
                byte[] payload = reassembly.add(buffer, n, info.streamId(), info.isComplete());
                readBuffer.afterPart(n, reassembly.partialStreams() > 0);
                if (payload == null) {
                    int tooLarge = reassembly.takeOverflow();
                    if (tooLarge > 0) {
                        association.fail(factory.callbacks().messageTooLarge(association, tooLarge, info.streamId()));
                        return;
                    }
                    long partialBytes = reassembly.takePartialOverflow();
                    if (partialBytes > 0) {
                        association.fail(factory.callbacks().partialMessagesTooLarge(association, partialBytes,
                                reassembly.partialOverflowStreams(), info.streamId()));
                        return;
                    }
                    continue;
                }
                if (!association.upFuture().isDone()) {
                    association.becameUp(0, 0); // data before COMM_UP: the subscription missed it
                    if (!association.isOpen()) {
                        return; // an interceptor failed as it came up
                    }
                }
                SctpReceivedMessage message = new SctpReceivedMessage(payload, info.streamId(), info.ppid(),
                        info.isUnordered(), info.context(), info.ssn(), info.tsn());
                received.incrementAndGet();
                factory.callbacks().observeReceived(association, message.streamId(), payload.length);
                if (!dispatcher.dispatch(message, ended)) {
                    LOGGER.warn("Association " + association.getId() + " ended while a message of " + payload.length
                            + " bytes on stream " + message.streamId() + " waited for delivery; it was not delivered");
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            CloseReason requested = association.requestedClose();
            if (requested != null) {
                association.finish(requested, null);
            } else {
                association.finish(e instanceof SctpAssociationAbortedException ? CloseReason.LOST
                        : CloseReason.FAILED, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            association.finish(CloseReason.FAILED, e);
        } finally {
            reassembly.dropAll(); // the association is over: free the parts of unfinished messages now
            pause.readerEnded();
        }
    }

    private void onNotification(SctpNotification notification) {
        if (notification instanceof AssociationChange change) {
            switch (change.state()) {
                case COMM_UP -> {
                    if (!association.upFuture().isDone()) {
                        // publishes the opened event
                        association.becameUp(change.outboundStreams(), change.inboundStreams());
                    }
                }
                case RESTART -> association.streamsChanged(change.outboundStreams(), change.inboundStreams());
                case COMM_LOST -> {
                    // The kernel reports the loss once more, in the socket error, but a send after the loss takes
                    // that error (sctp_error in net/sctp/socket.c) and this reader would then wait for ever: from
                    // now on a receive that finds nothing queued ends the association.
                    lost = true;
                    socket.setReadTimeout(AFTER_LOSS);
                }
                default -> {
                }
            }
        } else if (notification instanceof PeerAddressChange) {
            association.refreshAddresses();
        }
        factory.callbacks().handleNotification(association, notification);
    }

    /** Waits until the deliveries already queued are done, at most {@code timeoutMillis}. */
    boolean awaitDelivered(long timeoutMillis) throws InterruptedException {
        return dispatcher.awaitIdle(timeoutMillis);
    }

    /** Returns the number of whole messages received. */
    long received() {
        return received.get();
    }

    // ---- pausing (graceful stop) -----------------------------------------------------------------------------

    /** Stops reading after the message in hand, until {@link #resume} (see {@link ReaderPause}). */
    void pause() {
        pause.pause();
    }

    /** Lets a paused reader go on. */
    void resume() {
        pause.resume();
    }

    /**
     * Waits until the reader is parked (or ended) and every message it read has been delivered, at most until
     * {@code deadlineNanos} ({@link System#nanoTime}); returns whether that happened in time.
     */
    boolean awaitPausedAndDelivered(long deadlineNanos) throws InterruptedException {
        if (!pause.awaitParked(deadlineNanos)) {
            return false;
        }
        return dispatcher.awaitIdle(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    }

    /**
     * Returns how many parts were read for one stream while a message of another stream was unfinished (see
     * {@link Reassembly#interleavedParts}); 0 before the loop runs.
     */
    long interleavedParts() {
        Reassembly current = reassembly;
        return current == null ? 0 : current.interleavedParts();
    }

    /** Returns the most bytes of unfinished messages kept at once (see {@link Reassembly#peakPartialBytes}). */
    long peakPartialBytes() {
        Reassembly current = reassembly;
        return current == null ? 0 : current.peakPartialBytes();
    }

    /** Returns the bytes of unfinished messages kept now (see {@link Reassembly#partialBytes}); 0 before the loop. */
    long partialBytes() {
        Reassembly current = reassembly;
        return current == null ? 0 : current.partialBytes();
    }
}
