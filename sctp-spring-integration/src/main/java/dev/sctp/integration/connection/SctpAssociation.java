package dev.sctp.integration.connection;

import dev.sctp.AssociationStats;
import dev.sctp.PeerAddressInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpOption;
import dev.sctp.SctpOptions;
import dev.sctp.SctpSocket;
import dev.sctp.SctpStatus;
import dev.sctp.SendInfo;
import dev.sctp.integration.support.SctpAddressHeaders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.messaging.Message;

/**
 * One SCTP association of a factory: an {@link SctpSocket} with a stable id, a reader loop, per-stream serial
 * delivery and bounded sends.
 *
 * <p>A thread of its own reads the association. Each whole message (partial deliveries are reassembled up to the
 * factory's maximum message size) is handed to the lane of its stream; lanes deliver serially and in parallel with
 * each other. While the factory's limit of pending deliveries is reached the reader waits, so the kernel's receive
 * window throttles the peer. Notifications are handled on the reader thread, in order with the data.
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
    private final CompletableFuture<SctpAssociation> up = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean terminalPublished = new AtomicBoolean();
    private volatile @Nullable CloseReason requestedClose;
    private volatile SctpAddress remoteAddress;
    private volatile SctpAddress localAddress;
    private volatile @Nullable InetAddress primaryAddress;
    /** The address headers of the addresses above, rebuilt when they change (see {@link #getAddressHeaders()}). */
    private volatile @Nullable SctpAddressHeaders addressHeaders;
    private final Object addressLock = new Object();
    private volatile int outboundStreams;
    private volatile int inboundStreams;
    private final IdleClock idle = new IdleClock();
    private final AssociationReader reader;
    private final AssociationSender sender;
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
        AssociationCallbacks callbacks = factory.callbacks();
        this.dispatcher = new StreamDispatcher(factory.executor(), factory.getMaxPendingDeliveries(),
                message -> callbacks.deliver(this, message));
        this.interceptors = new AssociationInterceptors(this, factory.getInterceptorFactoryChain());
        this.reader = new AssociationReader(this, factory, socket, dispatcher);
        this.sender = new AssociationSender(this, factory, socket);
    }

    /** Starts the reader loop on a thread of its own (see the factory's executor model). */
    void start() {
        Thread thread = factory.readerThreads().newThread(reader);
        if (thread == null) {
            throw new IllegalStateException("No reader thread for association " + id);
        }
        thread.start();
    }

    /** Returns the reader, which a graceful stop pauses. */
    AssociationReader reader() {
        return reader;
    }

    /** Called by the reader when the association came up (COMM_UP, or data before it). */
    void becameUp(int outbound, int inbound) {
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

    /** Called by the reader on a RESTART of the association: the peer may have negotiated other stream counts. */
    void streamsChanged(int outbound, int inbound) {
        outboundStreams = outbound;
        inboundStreams = inbound;
    }

    /**
     * Reads the addresses again, after COMM_UP, a peer address change or a new primary set by the application.
     * Under a lock: the reader thread and an application thread may both refresh, and an older read must not land
     * last (a private lock, so no user code holding this association's monitor can block it).
     */
    void refreshAddresses() {
        synchronized (addressLock) {
            refreshAddressesLocked();
        }
    }

    private void refreshAddressesLocked() {
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
        sender.send(payload, info, outboundStreams);
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

    /** Returns the end this side asked for, or null. */
    @Nullable CloseReason requestedClose() {
        return requestedClose;
    }

    /** Marks the association's terminal event published; returns false if it already was. */
    boolean claimTerminalEvent() {
        return terminalPublished.compareAndSet(false, true);
    }

    /** Passes a received message through the interceptors; null when one kept it from the flow. */
    @Nullable Message<byte[]> intercept(Message<byte[]> message) {
        return interceptors.isEmpty() ? message : interceptors.received(message);
    }

    /** Records that the association sent or received just now. */
    void markActive() {
        idle.markActive();
    }

    /** Returns whether the association has been idle for {@code idleNanos} and that was not yet reported. */
    boolean checkIdle(long idleNanos) {
        return up.isDone() && isOpen() && idle.claimIdle(idleNanos);
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

    /**
     * Changes a socket option of the association while it is in use, for the options that tune a live association:
     * {@code PRIMARY_ADDR}, {@code PEER_ADDR_PARAMS}, {@code RTO_INFO}, {@code ASSOC_INFO}, {@code DELAYED_SACK},
     * {@code NODELAY}, {@code MAXSEG}, {@code MAX_BURST}, {@code DEFAULT_PRINFO}, {@code SO_SNDBUF} and
     * {@code PARTIAL_DELIVERY_POINT}. Others are set on the factory, for every association from its start.
     *
     * @param option the option, from {@link SctpOptions}
     * @param value its value
     * @param <T> its value type
     * @throws IllegalArgumentException if the option is not one of those; the message says why and what to do
     * @throws IOException if the association is closing or the kernel refuses the value
     */
    public <T> void setOption(SctpOption<T> option, T value) throws IOException {
        LiveOptions.checkSettable(option, id);
        socket.setOption(option, value);
        if (option == SctpOptions.PRIMARY_ADDR) {
            // getPrimaryAddress() and the address headers read the cached value; the kernel's ADDR_MADE_PRIM
            // notification refreshes it too, but only once the reader gets to it
            refreshAddresses();
        }
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

    /**
     * Returns the address headers of the current addresses, built once per change of the addresses, so a received
     * message's headers cost no formatting of addresses.
     */
    public SctpAddressHeaders getAddressHeaders() {
        SctpAddress remote = remoteAddress;
        SctpAddress local = localAddress;
        InetAddress primary = primaryAddress;
        SctpAddressHeaders headers = addressHeaders;
        if (headers == null || !headers.describes(remote, local, primary)) {
            headers = SctpAddressHeaders.of(remote, local, primary);
            addressHeaders = headers; // a racing reader builds an equal one: no harm
        }
        return headers;
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
        return sender.inFlight();
    }

    /** Returns the number of whole messages received. */
    public long getMessagesReceived() {
        return reader.received();
    }

    /** Returns the number of messages sent. */
    public long getMessagesSent() {
        return sender.sent();
    }

    @Override
    public String toString() {
        return "SctpAssociation[" + id + (isOpen() ? "" : ", closed") + "]";
    }
}
