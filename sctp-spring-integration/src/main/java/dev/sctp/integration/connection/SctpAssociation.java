package dev.sctp.integration.connection;

import dev.sctp.AssociationStats;
import dev.sctp.PeerAddressInfo;
import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpAssociationAbortedException;
import dev.sctp.SctpOption;
import dev.sctp.SctpOptions;
import dev.sctp.SctpSocket;
import dev.sctp.SctpStatus;
import dev.sctp.SendInfo;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.SctpNotification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.messaging.Message;

/**
 * One SCTP association of a factory: an {@link SctpSocket} with a stable id, a reader loop, per-stream serial
 * delivery and bounded sends.
 *
 * <p>One thread of the factory's executor reads the association. Each whole message (partial deliveries are
 * reassembled up to the factory's maximum message size) is handed to the lane of its stream; lanes deliver serially
 * and in parallel with each other. While the factory's limit of pending deliveries is reached the reader waits, so
 * the kernel's receive window throttles the peer. Notifications are handled on the reader thread, in order with the
 * data.
 *
 * <p>Sends may come from any thread; at most the factory's {@code maxInFlightSends} wait in the kernel at once, and
 * each waits at most the factory's send timeout.
 *
 * @since 0.1.0
 */
public class SctpAssociation {

    private static final LogAccessor LOGGER = new LogAccessor(SctpAssociation.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final AbstractSctpAssociationFactory factory;
    private final SctpSocket socket;
    private final String id;
    private final boolean server;
    private final StreamDispatcher dispatcher;
    private final AssociationInterceptors interceptors;
    private final Semaphore sendPermits;
    private final CompletableFuture<SctpAssociation> up = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean terminalPublished = new AtomicBoolean();
    private volatile @Nullable CloseReason requestedClose;
    private volatile SctpAddress remoteAddress;
    private volatile SctpAddress localAddress;
    private volatile @Nullable InetAddress primaryAddress;
    private volatile int outboundStreams;
    private volatile int inboundStreams;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean idleReported;
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final ReaderPause pause;
    /** The association's life as an Observation, while the factory has a registry; set at COMM_UP. */
    volatile io.micrometer.observation.@Nullable Observation observation;

    SctpAssociation(AbstractSctpAssociationFactory factory, SctpSocket socket, boolean server) throws IOException {
        this.factory = factory;
        this.socket = socket;
        this.server = server;
        this.remoteAddress = socket.remoteAddress();
        this.localAddress = socket.localAddress();
        this.primaryAddress = remoteAddress.primaryAddress().orElse(null);
        String host = primaryAddress == null ? "unknown" : primaryAddress.getHostAddress();
        this.id = host + ":" + remoteAddress.port() + ":" + localAddress.port() + ":" + SEQUENCE.incrementAndGet();
        this.dispatcher = new StreamDispatcher(factory.executor(), factory.getMaxPendingDeliveries());
        this.sendPermits = new Semaphore(factory.getMaxInFlightSends());
        this.interceptors = new AssociationInterceptors(this, factory.getInterceptorFactoryChain());
        this.pause = new ReaderPause(socket);
        Duration sendTimeout = factory.getSendTimeout();
        socket.setWriteTimeout(sendTimeout);
    }

    /** Starts the reader loop on a thread of its own (see the factory's executor model). */
    void start() {
        Thread reader = factory.readerThreads().newThread(this::readLoop);
        if (reader == null) {
            throw new IllegalStateException("No reader thread for association " + id);
        }
        reader.start();
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    private void readLoop() {
        byte[] buffer = new byte[factory.getReadBufferSize()];
        ReceiveInfo info = new ReceiveInfo();
        Reassembly reassembly = new Reassembly(factory.getMaxMessageSize());
        try {
            while (!finished.get()) {
                int n;
                try {
                    n = socket.receive(buffer, 0, buffer.length, info);
                } catch (SocketTimeoutException e) {
                    // our pause deadline; with no read timeout on the socket nothing else times out, so a resume
                    // that came before this check is no failure either
                    if (pause.isRequested() || socket.getReadTimeout().isZero()) {
                        pause.park(finished::get);
                        continue;
                    }
                    throw e;
                }
                if (n < 0) {
                    finish(CloseReason.SHUTDOWN, null);
                    return;
                }
                SctpNotification notification = info.notification();
                if (notification != null) {
                    onNotification(notification);
                    continue;
                }
                markActive();
                byte[] payload = reassembly.add(buffer, n, info.streamId(), info.isComplete());
                if (payload == null) {
                    int tooLarge = reassembly.takeOverflow();
                    if (tooLarge > 0) {
                        fail(factory.callbacks().messageTooLarge(this, tooLarge, info.streamId()));
                        return;
                    }
                    continue;
                }
                if (!up.isDone()) {
                    becameUp(0, 0); // data before COMM_UP: the subscription missed it
                    if (finished.get()) {
                        return; // an interceptor failed as it came up
                    }
                }
                SctpReceivedMessage message = new SctpReceivedMessage(payload, info.streamId(), info.ppid(),
                        info.isUnordered(), info.context(), info.ssn(), info.tsn());
                messagesReceived.incrementAndGet();
                AssociationCallbacks callbacks = factory.callbacks();
                callbacks.observeReceived(this, message.streamId(), payload.length);
                if (!dispatcher.dispatch(message.streamId(), () -> callbacks.deliver(this, message), finished::get)) {
                    LOGGER.warn("Association " + id + " ended while a message of " + payload.length
                            + " bytes on stream " + message.streamId() + " waited for delivery; it was not delivered");
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            CloseReason requested = requestedClose;
            if (requested != null) {
                finish(requested, null);
            } else {
                finish(e instanceof SctpAssociationAbortedException ? CloseReason.LOST : CloseReason.FAILED, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(CloseReason.FAILED, e);
        } finally {
            pause.readerEnded();
        }
    }

    // ---- pausing (graceful stop) -----------------------------------------------------------------------------

    /** Stops reading after the message in hand, until {@link #resumeReading} (see {@link ReaderPause}). */
    void pauseReading() {
        pause.pause();
    }

    /** Lets a paused reader go on. */
    void resumeReading() {
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

    private void onNotification(SctpNotification notification) {
        if (notification instanceof AssociationChange change) {
            switch (change.state()) {
                case COMM_UP -> {
                    if (!up.isDone()) {
                        becameUp(change.outboundStreams(), change.inboundStreams()); // publishes the opened event
                    }
                }
                case RESTART -> {
                    outboundStreams = change.outboundStreams();
                    inboundStreams = change.inboundStreams();
                }
                default -> {
                }
            }
        } else if (notification instanceof dev.sctp.notification.PeerAddressChange) {
            refreshAddresses();
        }
        factory.callbacks().handleNotification(this, notification);
    }

    private void becameUp(int outbound, int inbound) {
        outboundStreams = outbound;
        inboundStreams = inbound;
        refreshAddresses();
        try {
            interceptors.opened();
        } catch (IOException | RuntimeException e) {
            LOGGER.error(e, () -> "An interceptor of association " + id + " failed as it came up; aborting it");
            abortQuietly();
            finish(CloseReason.FAILED, e);
            return;
        }
        factory.callbacks().associationUp(this);
        up.complete(this);
    }

    private void refreshAddresses() {
        try {
            remoteAddress = socket.remoteAddress();
            localAddress = socket.localAddress();
            InetSocketAddress primary = socket.getOption(SctpOptions.PRIMARY_ADDR);
            primaryAddress = primary.getAddress();
        } catch (IOException | RuntimeException e) {
            // keep what we had: the association may already be going away
        }
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    /**
     * Sends {@code payload} as one message as {@code info} says, waiting at most the factory's send timeout for an
     * in-flight slot and for room in the kernel's send buffer.
     *
     * @throws SctpAssociationException if the association is closed, the send timed out or failed; the message names
     *     the association and the cause
     * @throws IllegalArgumentException if the stream is beyond the negotiated count or the payload is larger than
     *     the factory's maximum message size
     */
    public void send(byte[] payload, SendInfo info) throws IOException {
        sendFrom(0, payload, info);
    }

    /** Sends through the interceptors from {@code first} on (see {@link SctpAssociationInterceptor.Sender}). */
    void sendFrom(int first, byte[] message, SendInfo info) throws IOException {
        byte[] payload = message;
        if (!interceptors.isEmpty() && !finished.get() && requestedClose == null) {
            payload = interceptors.beforeSend(first, message, info);
        }
        if (finished.get() || requestedClose != null) {
            throw new SctpAssociationException(id, "Association " + id + " is closed"
                    + (closed.isDone() ? " (" + closed.join() + ")" : "") + "; the " + payload.length
                    + "-byte message for stream " + info.streamId() + " was not sent", null);
        }
        if (payload.length > factory.getMaxMessageSize()) {
            throw new IllegalArgumentException("Message of " + payload.length + " bytes for association " + id
                    + " exceeds the maximum message size of " + factory.getMaxMessageSize() + " bytes of factory '"
                    + factory.getComponentName() + "'");
        }
        int outbound = outboundStreams;
        if (outbound > 0 && info.streamId() >= outbound) {
            throw new IllegalArgumentException("Stream " + info.streamId() + " is beyond the " + outbound
                    + " outbound streams negotiated for association " + id + ": use 0.." + (outbound - 1));
        }
        Duration timeout = factory.getSendTimeout();
        try {
            boolean acquired = timeout.isZero() ? acquire() : sendPermits.tryAcquire(timeout.toNanos(),
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
            sendPermits.release();
            factory.callbacks().observeSendFailed(this, info.streamId(), payload.length, e);
            if (e instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException("Association " + id + ": " + iae.getMessage(), iae);
            }
            throw new SctpAssociationException(id, "Failed to send " + payload.length + " bytes on stream "
                    + info.streamId() + " of association " + id + ": " + e.getMessage(), e);
        }
        sendPermits.release();
        messagesSent.incrementAndGet();
        markActive();
        // after the send succeeded: an observer's failure must not turn it into a failed send that callers retry
        factory.callbacks().observeSent(this, info.streamId(), payload.length);
    }

    private boolean acquire() throws InterruptedException {
        sendPermits.acquire();
        return true;
    }

    // ---- closing ---------------------------------------------------------------------------------------------

    /**
     * Shuts the association down gracefully: no more sends, SHUTDOWN goes to the peer once everything queued is
     * acknowledged, and the association ends when the peer's end of stream is read.
     */
    public void shutdown() {
        if (finished.get()) {
            return;
        }
        requestedClose = CloseReason.SHUTDOWN;
        try {
            socket.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /** Closes the association at once; the kernel still shuts it down gracefully. Idempotent. */
    public void close() {
        if (requestedClose == null || requestedClose == CloseReason.SHUTDOWN) {
            requestedClose = CloseReason.CLOSED;
        }
        socket.close();
        finish(requestedClose, null);
    }

    /** Aborts the association: ABORT goes to the peer and queued data is dropped. Idempotent. */
    public void abort() {
        requestedClose = CloseReason.ABORTED;
        abortQuietly();
        finish(CloseReason.ABORTED, null);
    }

    private void abortQuietly() {
        try {
            socket.abort();
        } catch (IOException | RuntimeException e) {
            socket.close();
        }
    }

    /**
     * Ends the association because {@code cause} makes it unusable (a failed handshake): ABORT goes to the peer, and
     * the association ends as {@link CloseReason#FAILED} with the cause in its events.
     *
     * @param cause why
     */
    public void fail(Throwable cause) {
        if (requestedClose == null) {
            requestedClose = CloseReason.FAILED;
        }
        abortQuietly();
        finish(CloseReason.FAILED, cause);
    }

    void finish(CloseReason reason, @Nullable Throwable cause) {
        if (finished.compareAndSet(false, true)) {
            socket.close();
            up.completeExceptionally(new SctpAssociationException(id, "Association " + id + " ended (" + reason
                    + ") before it came up", cause));
            closed.complete(reason);
            interceptors.closed(reason, (interceptor, e) -> LOGGER.error(e, () -> "Interceptor " + interceptor
                    + " failed at the end of association " + id));
            factory.callbacks().associationClosed(this, reason, cause);
        }
    }

    /** Returns whether this side asked for the end (shutdown, close or abort), as opposed to the peer or a fault. */
    boolean isCloseRequested() {
        return requestedClose != null;
    }

    /** Marks the association's terminal event published; returns false if it already was. */
    boolean claimTerminalEvent() {
        return terminalPublished.compareAndSet(false, true);
    }

    /** Passes a received message through the interceptors; null when one kept it from the flow. */
    @Nullable Message<byte[]> intercept(Message<byte[]> message) {
        return interceptors.isEmpty() ? message : interceptors.received(message);
    }

    /** Waits until the deliveries already queued are done, at most {@code timeoutMillis}. */
    boolean awaitDeliveries(long timeoutMillis) throws InterruptedException {
        return dispatcher.awaitIdle(timeoutMillis);
    }

    private void markActive() {
        lastActivityNanos = System.nanoTime();
        idleReported = false;
    }

    /** Returns whether the association has been idle for {@code idleNanos} and that was not yet reported. */
    boolean checkIdle(long idleNanos) {
        if (!idleReported && System.nanoTime() - lastActivityNanos >= idleNanos && up.isDone() && isOpen()) {
            idleReported = true;
            return true;
        }
        return false;
    }

    // ---- accessors -------------------------------------------------------------------------------------------

    /** Returns the association's stable id, unique in this JVM: {@code <remote>:<remote port>:<local port>:<n>}. */
    public String getId() {
        return id;
    }

    /** Returns the factory the association belongs to. */
    public AbstractSctpAssociationFactory getFactory() {
        return factory;
    }

    /**
     * Returns the socket.
     *
     * @return the socket
     * @deprecated receiving or closing on it breaks the association's reader; read its state with {@link #status()},
     *     {@link #associationStats()}, {@link #paths()} and {@link #getOption}
     */
    @Deprecated(since = "0.1.0")
    public SctpSocket socket() {
        return socket;
    }

    /**
     * Returns the kernel's status of the association (SCTP_STATUS): state, streams, window, primary path.
     *
     * @return the status
     * @throws IOException if the association is closing
     */
    public SctpStatus status() throws IOException {
        return socket.status();
    }

    /**
     * Returns the kernel's statistics of the association (SCTP_GET_ASSOC_STATS).
     *
     * @return the statistics
     * @throws IOException if the association is closing
     */
    public AssociationStats associationStats() throws IOException {
        return socket.associationStats();
    }

    /**
     * Returns the peer's paths and their states.
     *
     * @return the paths
     * @throws IOException if the association is closing
     */
    public List<PeerAddressInfo> paths() throws IOException {
        return socket.paths();
    }

    /**
     * Reads a socket option of the association.
     *
     * @param option the option, from {@link SctpOptions}
     * @param <T> its value type
     * @return its value
     * @throws IOException if the association is closing or the kernel refuses
     */
    public <T> T getOption(SctpOption<T> option) throws IOException {
        return socket.getOption(option);
    }

    /** Returns whether this side accepted the association (rather than connecting it). */
    public boolean isServer() {
        return server;
    }

    /** Returns whether the association is still open. */
    public boolean isOpen() {
        return !finished.get();
    }

    /** Returns a future completed when the association is up (COMM_UP), or failed if it ends first. */
    public CompletableFuture<SctpAssociation> upFuture() {
        return up;
    }

    /** Returns a future completed with the reason when the association ends. */
    public CompletableFuture<CloseReason> closeFuture() {
        return closed;
    }

    /** Returns the peer's addresses and port, as of COMM_UP or the last peer address change. */
    public SctpAddress getRemoteAddress() {
        return remoteAddress;
    }

    /** Returns this side's addresses and port. */
    public SctpAddress getLocalAddress() {
        return localAddress;
    }

    /** Returns the peer address this side sends to by default, if known. */
    public @Nullable InetAddress getPrimaryAddress() {
        return primaryAddress;
    }

    /** Returns the negotiated number of outbound streams, or 0 before COMM_UP. */
    public int getOutboundStreams() {
        return outboundStreams;
    }

    /** Returns the negotiated number of inbound streams, or 0 before COMM_UP. */
    public int getInboundStreams() {
        return inboundStreams;
    }

    /** Returns the number of received messages waiting for or in delivery. */
    public int getPendingDeliveries() {
        return dispatcher.pending();
    }

    /** Returns the number of sends waiting in the kernel right now. */
    public int getInFlightSends() {
        return factory.getMaxInFlightSends() - sendPermits.availablePermits();
    }

    /** Returns the number of whole messages received. */
    public long getMessagesReceived() {
        return messagesReceived.get();
    }

    /** Returns the number of messages sent. */
    public long getMessagesSent() {
        return messagesSent.get();
    }

    @Override
    public String toString() {
        return "SctpAssociation[" + id + (isOpen() ? "" : ", closed") + "]";
    }
}
