package dev.sctp.integration.connection;

import dev.sctp.SendInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.messaging.Message;
import org.springframework.scheduling.TaskScheduler;

/**
 * An interceptor for an exchange that must end before traffic flows, such as Diameter's capabilities exchange
 * (CER/CEA) or M3UA's ASP Up: one instance per association, made by an {@link SctpAssociationInterceptorFactory}.
 *
 * <ul>
 *   <li>When the association is up, {@link #startHandshake} runs: the side that opens the exchange sends its first
 *       message there.</li>
 *   <li>Every message received before the handshake is complete goes to {@link #onHandshakeMessage}, never to the
 *       flow; it answers with the sender it is given and returns {@code true} once the handshake is complete.</li>
 *   <li>The application's sends wait until the handshake is complete, at most the handshake timeout, then fail with
 *       an {@link SctpAssociationException} that says so. Sends made during the handshake with the sender pass.</li>
 *   <li>A handshake that fails ({@link #onHandshakeMessage} throws) or does not complete within the timeout after
 *       the association came up ends the association with ABORT ({@link SctpAssociation#fail}).</li>
 * </ul>
 *
 * <pre>{@code
 * chain.setInterceptors(() -> new SctpHandshakeInterceptor(Duration.ofSeconds(5)) {
 *     protected void startHandshake(SctpAssociation association, Sender sender) throws IOException {
 *         sender.send(capabilitiesExchangeRequest(), SendInfo.DEFAULT);
 *     }
 *     protected boolean onHandshakeMessage(SctpAssociation association, Message<byte[]> message, Sender sender) {
 *         return isSuccessfulAnswer(message.getPayload());
 *     }
 * });
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class SctpHandshakeInterceptor implements SctpAssociationInterceptor {

    private static final LogAccessor LOGGER = new LogAccessor(SctpHandshakeInterceptor.class);

    private final Duration timeout;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean complete;
    private volatile @Nullable Throwable failure;

    /**
     * Creates the interceptor of one association.
     *
     * @param timeout how long, from COMM_UP, the handshake may take and sends may wait for it; positive
     */
    protected SctpHandshakeInterceptor(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The handshake timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Starts the handshake; by default nothing is sent (the side that answers waits for the first message).
     *
     * @param association the association, just up
     * @param sender sends past this interceptor
     * @throws IOException if the first message cannot be sent; the association is aborted
     */
    protected void startHandshake(SctpAssociation association, Sender sender) throws IOException {
    }

    /**
     * Handles a message received before the handshake is complete.
     *
     * @param association the association
     * @param message the message; it does not reach the flow
     * @param sender sends past this interceptor, for answers
     * @return whether the handshake is now complete
     * @throws IOException or a runtime exception if the handshake failed; the association is aborted
     */
    protected abstract boolean onHandshakeMessage(SctpAssociation association, Message<byte[]> message, Sender sender)
            throws IOException;

    /** Returns whether the handshake has completed successfully. */
    public boolean isComplete() {
        return complete;
    }

    @Override
    public final void associationOpened(SctpAssociation association, Sender next) throws IOException {
        TaskScheduler scheduler = association.getFactory().getActiveTaskScheduler();
        if (scheduler != null) {
            scheduler.schedule(() -> {
                if (!complete && association.isOpen()) {
                    fail(association, new SctpAssociationException(association.getId(), "The handshake of "
                            + "association " + association.getId() + " did not complete within " + timeout, null));
                }
            }, Instant.now().plus(timeout));
        }
        startHandshake(association, next);
    }

    @Override
    public final @Nullable Message<byte[]> onReceive(SctpAssociation association, Message<byte[]> message,
            Sender next) {
        if (complete) {
            return message;
        }
        if (failure == null) {
            try {
                if (onHandshakeMessage(association, message, next)) {
                    complete = true;
                    ended.countDown();
                    LOGGER.debug(() -> "Handshake of association " + association.getId() + " complete");
                }
            } catch (IOException | RuntimeException e) {
                fail(association, new SctpAssociationException(association.getId(), "The handshake of association "
                        + association.getId() + " failed: " + e.getMessage(), e));
            }
        }
        return null;
    }

    @Override
    public final byte[] onSend(SctpAssociation association, byte[] payload, SendInfo info) throws IOException {
        if (complete) {
            return payload;
        }
        try {
            if (!ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SctpAssociationException(association.getId(), "The handshake of association "
                        + association.getId() + " has not completed within " + timeout + "; the " + payload.length
                        + "-byte message for stream " + info.streamId() + " was not sent", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SctpAssociationException(association.getId(), "Interrupted waiting for the handshake of "
                    + "association " + association.getId(), e);
        }
        Throwable failed = failure;
        if (!complete) {
            throw new SctpAssociationException(association.getId(), "The " + payload.length + "-byte message for "
                    + "stream " + info.streamId() + " was not sent: the handshake of association "
                    + association.getId() + " did not complete" + (failed == null ? "" : " (" + failed.getMessage()
                    + ")"), failed);
        }
        return payload;
    }

    @Override
    public void associationClosed(SctpAssociation association, CloseReason reason) {
        if (!complete && failure == null) {
            failure = new SctpAssociationException(association.getId(), "Association " + association.getId()
                    + " ended (" + reason + ") during its handshake", null);
        }
        ended.countDown();
    }

    private void fail(SctpAssociation association, SctpAssociationException cause) {
        failure = cause;
        ended.countDown();
        LOGGER.error(cause, () -> cause.getMessage() + "; aborting it");
        association.fail(cause);
    }
}
